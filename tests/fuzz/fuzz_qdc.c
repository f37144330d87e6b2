/* fuzz_qdc.c - importing a REFI-QDA codebook (.qdc XML) from arbitrary
 * bytes (written to a scratch .qdc file: coda_qdc_read reads a path), then
 * compiling it and everything fuzz_cb.h does with a codebook.
 *
 * Input: 1 option byte (bit 0 lenient, bit 1 run the check, bit 2 the .qdc
 * round trip), then the XML. */
#include "fuzz_cb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_codebook_target(data, size, ".qdc");
}
