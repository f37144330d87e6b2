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
    fz_in in = { data, size };
    unsigned flags = fz_byte(&in);
    const char *path = fz_scratch(".csv", in.p, in.n);
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
