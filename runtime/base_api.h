/* base_api.h - what coda.so exports.  The core is built with hidden
 * visibility (-fvisibility=hidden): only what a public header marks
 * CODA_API is exported, every name of it starting with coda_ (make
 * checksymbols holds that).  CODA_INTERNAL marks a function the files of
 * one family share, hidden in any build (as Lua's LUAI_FUNC). */
#ifndef CODA_BASE_API_H
#define CODA_BASE_API_H

#if defined(__GNUC__)
#define CODA_API __attribute__((visibility("default")))
#define CODA_INTERNAL __attribute__((visibility("hidden")))
#else
#define CODA_API
#define CODA_INTERNAL
#endif

#endif
