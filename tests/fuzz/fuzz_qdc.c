/* fuzz_qdc.c - importing a REFI-QDA codebook (.qdc XML) from arbitrary
 * bytes (written to a scratch .qdc file: coda_qdc_read reads a path), then
 * compiling it and everything fuzz_cb.h does with a codebook.
 *
 * Input: 1 option byte (bit 0 lenient, bit 1 run the check, bit 2 the .qdc
 * round trip), then the XML. */
#include "fuzz_cb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = { data, size };
    unsigned flags = fz_byte(&in);
    const char *path = fz_scratch(".qdc", in.p, in.n);
    coda_codebook *cb = NULL;
    coda_error err;
    coda_error_clear(&err);
    coda_status st = coda_codebook_read(path, flags & 1, &cb, &err);
    if (st != CODA_OK) {
        fz_check_error(st, &err);
        FZ_CHECK(cb == NULL, "a codebook despite %s", err.msg);
        return 0;
    }
    exercise(cb, flags);
    coda_codebook_free(cb);
    return 0;
}
