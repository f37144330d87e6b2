/* codebook_qdc.h - REFI-QDA codebook exchange (.qdc, namespace
 * urn:QDA-XML:codebook:1.0), read and written with libxml2.
 *
 * A code's patterns travel in its Description: after the free text, one
 * line per field of each alternative,
 *     coda-pattern: \bFIR\b
 *     coda-flags: c
 *     coda-exclude: \bno FIR\b
 *     coda-example: an FIR was filed
 *     coda-counterexample: no FIR was filed
 * (a "coda-pattern:" line starts a new alternative; a value's further lines
 * follow as "coda-cont: ..." lines).  Codes nest for the hierarchy; each
 * GUID is the version 5 UUID of the code's path ("Parent/Child"), so two
 * exports of one codebook are byte-identical.  Import accepts the codebook
 * namespace, the REFI project namespace (a CodeBook inside a Project) and
 * no namespace. */
#ifndef CODA_QDC_H
#define CODA_QDC_H

#include "codebook.h"
#include "base_error.h"

/* Add the codes of the .qdc file at path to cb (uncompiled).  CODA_EIO,
 * CODA_EPARSE (naming the file and line), CODA_EARG, CODA_ENOMEM. */
CODA_API
coda_status coda_qdc_read(coda_codebook *cb, const char *path,
                          coda_error *err);

/* Write cb to path atomically.  CODA_EIO, CODA_ENOMEM. */
CODA_API
coda_status coda_qdc_write(const coda_codebook *cb, const char *path,
                           coda_error *err);

#endif
