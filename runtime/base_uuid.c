/* base_uuid.c - SHA-1 digests (Nettle's, with the processor's SHA
 * instructions where it has them) and version 5 UUIDs. */
#include "base_uuid.h"

#include <nettle/sha1.h>
#include <stdio.h>
#include <string.h>

void coda_sha1(const void *data, size_t len, uint8_t digest[20])
{
    struct sha1_ctx c;
    sha1_init(&c);
    sha1_update(&c, len, data);
    sha1_digest(&c, SHA1_DIGEST_SIZE, digest);
}

void coda_sha1_hex(const void *data, size_t len, char hex[41])
{
    static const char digits[] = "0123456789abcdef";
    uint8_t d[SHA1_DIGEST_SIZE];
    coda_sha1(data, len, d);
    for (int i = 0; i < SHA1_DIGEST_SIZE; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[40] = '\0';
}

/* uuid5(URL namespace, "urn:coda:codebook") */
const uint8_t coda_uuid_ns_codebook[16] = {
    0x87, 0x64, 0x32, 0x62, 0x40, 0xfa, 0x5a, 0x93,
    0x83, 0x5c, 0xe9, 0xc3, 0xbe, 0xb3, 0x68, 0xd5
};

void coda_uuid5(const uint8_t ns[16], const char *name, size_t len,
                char out[37])
{
    struct sha1_ctx c;
    uint8_t d[SHA1_DIGEST_SIZE];
    sha1_init(&c);
    sha1_update(&c, 16, ns);
    sha1_update(&c, len, (const uint8_t *)name);
    sha1_digest(&c, sizeof d, d);
    d[6] = (uint8_t)((d[6] & 0x0F) | 0x50);
    d[8] = (uint8_t)((d[8] & 0x3F) | 0x80);
    snprintf(out, 37,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x",
             d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9],
             d[10], d[11], d[12], d[13], d[14], d[15]);
}
