#ifndef DEDUPE_CZLIB_SHIM_H
#define DEDUPE_CZLIB_SHIM_H
// The system zlib (Debian: zlib1g-dev), for reading gzip-compressed feed files (.gz).
#include <zlib.h>
#endif
