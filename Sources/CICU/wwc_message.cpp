// ICU MessageFormat with named arguments, and pattern inspection via MessagePattern.
#include "wwc_internal.h"
#include <unicode/msgfmt.h>
#include <unicode/messagepattern.h>
#include <unicode/locid.h>
#include <string>
#include <vector>

using namespace icu;

extern "C" int32_t wwc_message_format(const char *pattern, int32_t length, const char *locale,
                                      const wwc_message_arg *args, int32_t count, char *out,
                                      int32_t capacity, int32_t *errorOffset) {
    *errorOffset = -1;
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    Locale loc = Locale::forLanguageTag(locale, status);
    if (U_FAILURE(status)) return WWC_ERR_LOCALE;
    MessageFormat format(UnicodeString::fromUTF8(StringPiece(pattern, length)), loc, parseError, status);
    if (U_FAILURE(status)) {
        *errorOffset = parseError.offset;
        return WWC_ERR_PARSE;
    }
    std::vector<UnicodeString> names;
    std::vector<Formattable> values;
    names.reserve((size_t)count);
    values.reserve((size_t)count);
    for (int32_t i = 0; i < count; i++) {
        names.push_back(UnicodeString::fromUTF8(args[i].name));
        if (args[i].kind == WWC_ARG_INTEGER) values.emplace_back((int64_t)args[i].integer);
        else values.emplace_back(UnicodeString::fromUTF8(args[i].text));
    }
    UnicodeString result;
    format.format(names.data(), values.data(), count, result, status);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    return wwc_utf8_out(result.getBuffer(), result.length(), out, capacity);
}

extern "C" int32_t wwc_message_inspect(const char *pattern, int32_t length, char *out, int32_t capacity,
                                       int32_t *errorOffset) {
    *errorOffset = -1;
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    MessagePattern parsed(UnicodeString::fromUTF8(StringPiece(pattern, length)), &parseError, status);
    if (U_FAILURE(status)) {
        *errorOffset = parseError.offset;
        return WWC_ERR_PARSE;
    }
    // Also let MessageFormat validate (it checks argument types such as "plural" options).
    MessageFormat check(UnicodeString::fromUTF8(StringPiece(pattern, length)), Locale::getRoot(), parseError, status);
    if (U_FAILURE(status)) {
        *errorOffset = parseError.offset;
        return WWC_ERR_PARSE;
    }
    const UnicodeString &source = parsed.getPatternString();
    UnicodeString facts;
    // A stack of the plural argument names we are inside (empty string = not plural).
    std::vector<UnicodeString> argStack;
    int32_t partCount = parsed.countParts();
    for (int32_t i = 0; i < partCount; i++) {
        const MessagePattern::Part &part = parsed.getPart(i);
        UMessagePatternPartType type = part.getType();
        if (type == UMSGPAT_PART_TYPE_ARG_START) {
            const MessagePattern::Part &namePart = parsed.getPart(i + 1);
            UnicodeString name = parsed.getSubstring(namePart);
            UMessagePatternArgType argType = part.getArgType();
            bool plural = argType == UMSGPAT_ARG_TYPE_PLURAL || argType == UMSGPAT_ARG_TYPE_SELECTORDINAL;
            facts.append(UnicodeString(u"A\t")).append(name).append((UChar)0x0A);
            argStack.push_back(plural ? name : UnicodeString());
        } else if (type == UMSGPAT_PART_TYPE_ARG_LIMIT) {
            if (!argStack.empty()) argStack.pop_back();
        } else if (type == UMSGPAT_PART_TYPE_ARG_SELECTOR && !argStack.empty() && !argStack.back().isEmpty()) {
            facts.append(UnicodeString(u"K\t")).append(argStack.back()).append((UChar)0x09)
                .append(parsed.getSubstring(part)).append((UChar)0x0A);
        }
    }
    (void)source;
    return wwc_utf8_out(facts.getBuffer(), facts.length(), out, capacity);
}
