#ifndef DEDUPE_CXXHASH_SHIM_H
#define DEDUPE_CXXHASH_SHIM_H
// Only the declarations of the shared library: calls go to libxxhash.so, not to inlined copies.
#include <xxhash.h>
#endif
