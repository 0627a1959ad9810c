// Debian builds libxml2 with ICU, so <libxml/encoding.h> would include ICU's headers, which
// clash with the ICU copy Foundation ships on Linux (`UErrorCode` defined twice). We never touch
// the ICU members of xmlCharEncodingHandler (only pointers to it), so hide them from Swift.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <libxml/encoding.h>

// The run-time libxml2 version ("20914"). `xmlParserVersion` is a macro over a per-thread
// accessor in some releases and a plain variable in others; this spelling works for both.
static inline const char *wwc_xml_parser_version(void) { return xmlParserVersion; }
