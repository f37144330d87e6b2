/* base_uuid.h - name-based UUIDs (RFC 4122 version 5, SHA-1) for stable
 * ids. */
#ifndef CODA_UUID_H
#define CODA_UUID_H

#include "base_api.h"

#include <stddef.h>
#include <stdint.h>

/* The SHA-1 digest of data[0..len). */
CODA_API
void coda_sha1(const void *data, size_t len, uint8_t digest[20]);

/* The SHA-1 digest of data[0..len) as 40 lower-case hexadecimal digits
 * and a NUL in hex. */
CODA_API
void coda_sha1_hex(const void *data, size_t len, char hex[41]);

/* The version 5 UUID of name[0..len) in the namespace ns (16 bytes), as
 * 36 lower-case characters and a NUL in out. */
CODA_API
void coda_uuid5(const uint8_t ns[16], const char *name, size_t len,
                char out[37]);

/* The namespace coda derives code GUIDs in (a v5 UUID of
 * "urn:coda:codebook" in the RFC 4122 URL namespace). */
CODA_API
extern const uint8_t coda_uuid_ns_codebook[16];

#endif
