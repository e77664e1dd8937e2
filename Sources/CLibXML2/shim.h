#ifndef DEDUPE_CLIBXML2_SHIM_H
#define DEDUPE_CLIBXML2_SHIM_H
// The system libxml2 (Debian: libxml2-dev), for the HTML parser (article pages) and the XML reader (RSS, Atom).
//
// Debian builds libxml2 with ICU, and with LIBXML_ICU_ENABLED set its headers pull in ICU's unicode/*.h,
// whose C types clash with the ones Foundation brings on Linux. dedupe never uses libxml2's ICU converters
// (it hands libxml2 UTF-8 it decoded itself), so the flag is dropped before anything else includes it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>

// xmlFree is a macro in thread-aware builds (as Debian's); Swift cannot call a macro, so wrap it.
static inline void dedupe_xmlFree(void *pointer) { xmlFree(pointer); }
#endif
