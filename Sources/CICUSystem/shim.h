// Only the CICU C target depends on this module; Swift code never imports it.
#include <unicode/utypes.h>
