/* uuid.c - SHA-1 (FIPS 180-4) and version 5 UUIDs, small and portable. */
#include "base_uuid.h"

#include <stdio.h>
#include <string.h>

typedef struct sha1 {
    uint32_t h[5];
    uint8_t block[64];
    size_t used;
    uint64_t bytes;
} sha1;

static uint32_t rol(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

static void sha1_block(sha1 *c, const uint8_t *p)
{
    uint32_t w[80], a = c->h[0], b = c->h[1], d3 = c->h[2], d = c->h[3],
             e = c->h[4];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 80; i++)
        w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20)
            f = (b & d3) | (~b & d), k = 0x5A827999;
        else if (i < 40)
            f = b ^ d3 ^ d, k = 0x6ED9EBA1;
        else if (i < 60)
            f = (b & d3) | (b & d) | (d3 & d), k = 0x8F1BBCDC;
        else
            f = b ^ d3 ^ d, k = 0xCA62C1D6;
        uint32_t t = rol(a, 5) + f + e + k + w[i];
        e = d, d = d3, d3 = rol(b, 30), b = a, a = t;
    }
    c->h[0] += a, c->h[1] += b, c->h[2] += d3, c->h[3] += d, c->h[4] += e;
}

static void sha1_add(sha1 *c, const uint8_t *p, size_t n)
{
    c->bytes += n;
    while (n > 0) {
        size_t take = 64 - c->used < n ? 64 - c->used : n;
        memcpy(c->block + c->used, p, take);
        c->used += take, p += take, n -= take;
        if (c->used == 64) {
            sha1_block(c, c->block);
            c->used = 0;
        }
    }
}

static void sha1_init(sha1 *c)
{
    static const uint32_t h0[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE,
                                    0x10325476, 0xC3D2E1F0 };
    memcpy(c->h, h0, sizeof h0);
    c->used = 0;
    c->bytes = 0;
}

static void sha1_final(sha1 *c, uint8_t digest[20])
{
    uint64_t bits = c->bytes * 8;
    uint8_t pad[72] = { 0x80 };
    size_t padn = (c->used < 56 ? 56 : 120) - c->used;
    for (int i = 0; i < 8; i++)
        pad[padn + i] = (uint8_t)(bits >> (56 - 8 * i));
    sha1_add(c, pad, padn + 8);
    for (int i = 0; i < 20; i++)
        digest[i] = (uint8_t)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}

void coda_sha1(const void *data, size_t len, uint8_t digest[20])
{
    sha1 c;
    sha1_init(&c);
    sha1_add(&c, data, len);
    sha1_final(&c, digest);
}

/* uuid5(URL namespace, "urn:coda:codebook") */
const uint8_t coda_uuid_ns_codebook[16] = {
    0x87, 0x64, 0x32, 0x62, 0x40, 0xfa, 0x5a, 0x93,
    0x83, 0x5c, 0xe9, 0xc3, 0xbe, 0xb3, 0x68, 0xd5
};

void coda_uuid5(const uint8_t ns[16], const char *name, size_t len,
                char out[37])
{
    sha1 c;
    uint8_t d[20];
    sha1_init(&c);
    sha1_add(&c, ns, 16);
    sha1_add(&c, (const uint8_t *)name, len);
    sha1_final(&c, d);
    d[6] = (uint8_t)((d[6] & 0x0F) | 0x50);
    d[8] = (uint8_t)((d[8] & 0x3F) | 0x80);
    snprintf(out, 37,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x",
             d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9],
             d[10], d[11], d[12], d[13], d[14], d[15]);
}
