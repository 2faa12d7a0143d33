// libxml2's HTML parser and tree API, used by ReportSearch's HTMLTextExtractor.
//
// Debian builds libxml2 with ICU, so <libxml/encoding.h> would include the system's
// <unicode/ucnv.h>, whose types clash with the ICU copy inside Foundation
// ("'UErrorCode' has different definitions in different modules"). Swift never touches
// the ICU-dependent members (only xmlDoc/xmlNode/xmlAttr fields and functions taking
// pointers), so the ICU part of the headers is switched off here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
