/* fuzz_codebook.c - reading and compiling a CSV codebook from arbitrary
 * bytes (written to a scratch .csv file: coda_codebook_read reads a path,
 * and there is no in-memory reader), then everything fuzz_cb.h does with
 * a codebook.
 *
 * Input: 1 option byte (bit 0 lenient, bit 1 run the check, bit 2 the .qdc
 * round trip), then the CSV codebook. */
#include "fuzz_cb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_codebook_target(data, size, ".csv");
}
