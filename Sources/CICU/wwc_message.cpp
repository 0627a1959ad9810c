// ICU MessageFormat with named arguments, and pattern inspection via MessagePattern.
#include "wwc_internal.h"
#include <unicode/msgfmt.h>
#include <unicode/messagepattern.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

using namespace icu;

namespace {

/// Compiled MessageFormat objects of this thread, keyed by locale tag and pattern.
///
/// Why: compiling a pattern (parsing it, loading the locale's plural rules and number format)
/// was nine tenths of formatting a diagnostic, and a batch formats the same few hundred
/// catalog patterns over and over. Why per thread and not one shared cache:
/// MessageFormat::format is const, but it creates its default number format and plural
/// formatters lazily by casting `this` to non-const, so one object must not format on two
/// threads at once; a thread-local cache needs no lock. The objects are owned by the map and
/// freed when the thread ends (thread_local destructor) or when the cache is reset.
class MessageFormatCache {
public:
    /// The compiled format, or nullptr with *status/*errorOffset set (failures are not cached).
    const MessageFormat *lookup(const char *pattern, int32_t length, const char *locale, int32_t *result,
                                int32_t *errorOffset) {
        key_.assign(locale);
        key_.push_back('\0');
        key_.append(pattern, (size_t)length);
        auto found = entries_.find(key_);
        if (found != entries_.end()) return found->second.get();
        UErrorCode status = U_ZERO_ERROR;
        UParseError parseError;
        Locale loc = Locale::forLanguageTag(locale, status);
        if (U_FAILURE(status)) {
            *result = WWC_ERR_LOCALE;
            return nullptr;
        }
        std::unique_ptr<MessageFormat> format(
            new MessageFormat(UnicodeString::fromUTF8(StringPiece(pattern, length)), loc, parseError, status));
        if (U_FAILURE(status)) {
            *errorOffset = parseError.offset;
            *result = WWC_ERR_PARSE;
            return nullptr;
        }
        // Catalogs hold a few hundred messages per language; a bound keeps a caller that
        // formats ever-new patterns from growing the cache without end.
        if (entries_.size() >= kCapacity) entries_.clear();
        const MessageFormat *compiled = format.get();
        entries_.emplace(key_, std::move(format));
        return compiled;
    }

    void reset() { entries_.clear(); }
    size_t size() const { return entries_.size(); }

    /// Argument names and values of the current call, kept between calls.
    std::vector<UnicodeString> names;
    std::vector<Formattable> values;

private:
    static constexpr size_t kCapacity = 2048;
    std::unordered_map<std::string, std::unique_ptr<MessageFormat>> entries_;
    std::string key_;  // reused between lookups
};

thread_local MessageFormatCache messageFormats;

}  // namespace

extern "C" int32_t wwc_message_format(const char *pattern, int32_t length, const char *locale,
                                      const wwc_message_arg *args, int32_t count, char *out,
                                      int32_t capacity, int32_t *errorOffset) {
    *errorOffset = -1;
    int32_t failure = WWC_ERR_ICU;
    const MessageFormat *format = messageFormats.lookup(pattern, length, locale, &failure, errorOffset);
    if (format == nullptr) return failure;
    UErrorCode status = U_ZERO_ERROR;
    // Argument slots reused from call to call on this thread (assigned, not rebuilt).
    std::vector<UnicodeString> &names = messageFormats.names;
    std::vector<Formattable> &values = messageFormats.values;
    if (names.size() < (size_t)count) {
        names.resize((size_t)count);
        values.resize((size_t)count);
    }
    for (int32_t i = 0; i < count; i++) {
        names[i] = UnicodeString::fromUTF8(args[i].name);
        if (args[i].kind == WWC_ARG_INTEGER) values[i].setInt64((int64_t)args[i].integer);
        else if (args[i].kind == WWC_ARG_DECIMAL) values[i].setDecimalNumber(StringPiece(args[i].text), status);
        else values[i].setString(UnicodeString::fromUTF8(args[i].text));
    }
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    UnicodeString result;
    format->format(names.data(), values.data(), count, result, status);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    return wwc_utf8_out(result.getBuffer(), result.length(), out, capacity);
}

extern "C" int32_t wwc_message_cache_size(void) {
    return (int32_t)messageFormats.size();
}

extern "C" void wwc_message_cache_reset(void) {
    messageFormats.reset();
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
        } else if (type == UMSGPAT_PART_TYPE_ARG_STYLE) {
            // ICU trims only Pattern_White_Space before a style. After any other space (the
            // no-break space French typing puts before ':'), `::group-off` is no longer a
            // skeleton but a DecimalFormat pattern whose text ICU prints into the message:
            // refused like a syntax error.
            const UnicodeString style = parsed.getSubstring(part);
            int32_t start = 0;
            while (start < style.length() && u_hasBinaryProperty(style.char32At(start), UCHAR_PATTERN_WHITE_SPACE)) {
                start = style.moveIndex32(start, 1);
            }
            if (start < style.length() && u_isUWhiteSpace(style.char32At(start))) {
                *errorOffset = part.getIndex() + start;
                return WWC_ERR_PARSE;
            }
        } else if (type == UMSGPAT_PART_TYPE_ARG_SELECTOR && !argStack.empty() && !argStack.back().isEmpty()) {
            facts.append(UnicodeString(u"K\t")).append(argStack.back()).append((UChar)0x09)
                .append(parsed.getSubstring(part)).append((UChar)0x0A);
        }
    }
    (void)source;
    return wwc_utf8_out(facts.getBuffer(), facts.length(), out, capacity);
}

namespace {

UnicodeString decimal(int32_t value) {
    return UnicodeString::fromUTF8(std::to_string(value));
}

/// Appends the literal text of the message whose MSG_START part is `start` and returns the
/// index of its MSG_LIMIT part: quoting resolved, `#` kept, each argument one space, the
/// messages inside a plural or select argument in pattern order.
int32_t appendLiteralText(const MessagePattern &parsed, int32_t start, UnicodeString &out) {
    const UnicodeString &source = parsed.getPatternString();
    int32_t previous = parsed.getPart(start).getLimit();
    for (int32_t i = start + 1;; i++) {
        const MessagePattern::Part &part = parsed.getPart(i);
        UMessagePatternPartType type = part.getType();
        out.append(source, previous, part.getIndex() - previous);
        if (type == UMSGPAT_PART_TYPE_MSG_LIMIT) return i;
        previous = part.getLimit();
        // SKIP_SYNTAX (a quoting apostrophe) is left out; INSERT_CHAR only says where a
        // stricter apostrophe mode would want one, and formatting ignores it.
        if (type == UMSGPAT_PART_TYPE_REPLACE_NUMBER) {
            out.append((UChar)0x23);  // #
        } else if (type == UMSGPAT_PART_TYPE_ARG_START) {
            int32_t limit = parsed.getLimitPartIndex(i);
            for (int32_t j = i + 1; j < limit; j++) {
                if (parsed.getPartType(j) == UMSGPAT_PART_TYPE_MSG_START) j = appendLiteralText(parsed, j, out);
            }
            out.append((UChar)0x20);
            i = limit;
            previous = parsed.getPart(limit).getLimit();
        }
    }
}

}  // namespace

extern "C" int32_t wwc_message_outline(const char *pattern, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    MessagePattern parsed(UnicodeString::fromUTF8(StringPiece(pattern, length)), &parseError, status);
    if (U_FAILURE(status)) return WWC_ERR_PARSE;
    UnicodeString facts;
    int32_t partCount = parsed.countParts();
    for (int32_t i = 0; i < partCount; i++) {
        const MessagePattern::Part &part = parsed.getPart(i);
        UMessagePatternArgType argType = part.getArgType();
        if (part.getType() != UMSGPAT_PART_TYPE_ARG_START ||
            (argType != UMSGPAT_ARG_TYPE_PLURAL && argType != UMSGPAT_ARG_TYPE_SELECTORDINAL)) continue;
        UnicodeString name = parsed.getSubstring(parsed.getPart(i + 1));
        UnicodeString keyword;
        int32_t limit = parsed.getLimitPartIndex(i);
        for (int32_t j = i + 2; j < limit; j++) {
            const MessagePattern::Part &inner = parsed.getPart(j);
            if (inner.getType() == UMSGPAT_PART_TYPE_ARG_SELECTOR) {
                keyword = parsed.getSubstring(inner);
            } else if (inner.getType() == UMSGPAT_PART_TYPE_MSG_START) {
                int32_t end = parsed.getLimitPartIndex(j);
                facts.append(UnicodeString(u"V\t")).append(decimal(i)).append((UChar)0x09).append(name)
                    .append((UChar)0x09).append(keyword).append((UChar)0x09).append(decimal(inner.getLimit()))
                    .append((UChar)0x09).append(decimal(parsed.getPart(end).getIndex())).append((UChar)0x0A);
                j = end;
            }
        }
    }
    facts.append(UnicodeString(u"L\t"));
    appendLiteralText(parsed, 0, facts);
    return wwc_utf8_out(facts.getBuffer(), facts.length(), out, capacity);
}
