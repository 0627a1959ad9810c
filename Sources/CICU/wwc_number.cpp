// Strict, exact number parsing over ICU's C++ DecimalFormat (C++ because the C API has no
// decimal-text result for currency parsing). Handles are per thread.
#include "wwc_internal.h"
#include <unicode/numfmt.h>
#include <unicode/decimfmt.h>
#include <unicode/dcfmtsym.h>
#include <unicode/curramt.h>
#include <unicode/uchar.h>
#include <unicode/locid.h>
#include <string.h>

using namespace icu;

struct wwc_numfmt {
    DecimalFormat *parser;   // strict, possibly with space-free affixes
    DecimalFormat *display;  // the locale's own pattern, for examples: opened on first use
    int32_t style;
    Locale locale;
};

static bool is_space_like(UChar32 c) {
    return c == 0x20 || c == 0xA0 || c == 0x202F || c == 0x2007 || c == 0x2009 || u_charType(c) == U_SPACE_SEPARATOR;
}

static DecimalFormat *create(const Locale &locale, int32_t style, UErrorCode &status) {
    NumberFormat *format = nullptr;
    switch (style) {
    case WWC_NUMFMT_PERCENT: format = NumberFormat::createPercentInstance(locale, status); break;
    case WWC_NUMFMT_CURRENCY:
    case WWC_NUMFMT_CURRENCY_SWAPPED: format = NumberFormat::createCurrencyInstance(locale, status); break;
    default: format = NumberFormat::createInstance(locale, status); break;
    }
    if (U_FAILURE(status) || format == nullptr) { delete format; return nullptr; }
    DecimalFormat *decimal = dynamic_cast<DecimalFormat *>(format);
    if (decimal == nullptr) { delete format; status = U_UNSUPPORTED_ERROR; return nullptr; }
    return decimal;
}

extern "C" wwc_numfmt *wwc_numfmt_open(const char *localeID, int32_t style, int32_t *statusOut) {
    UErrorCode status = U_ZERO_ERROR;
    Locale locale = Locale::forLanguageTag(localeID, status);
    if (U_FAILURE(status)) { *statusOut = WWC_ERR_LOCALE; return nullptr; }
    DecimalFormat *parser = create(locale, style, status);
    // The display format (examples only, i.e. error messages) is created when first needed:
    // creating a DecimalFormat is most of the cost of opening a handle. The number symbols
    // are read from the parser, created by the same call (applyPattern keeps the symbols).
    DecimalFormat *display = nullptr;
    if (U_FAILURE(status) || !parser) {
        delete parser;
        *statusOut = WWC_ERR_ICU;
        return nullptr;
    }
    parser->setLenient(false);
    parser->setParseNoExponent(true);
    if (style == WWC_NUMFMT_INTEGER || style == WWC_NUMFMT_PLAIN_INTEGER) parser->setParseIntegerOnly(true);
    if (style == WWC_NUMFMT_PLAIN_INTEGER) parser->setGroupingUsed(false);
    if (style == WWC_NUMFMT_PERCENT || style == WWC_NUMFMT_CURRENCY || style == WWC_NUMFMT_CURRENCY_SWAPPED) {
        // Strict parsing wants the affix spacing exactly (U+00A0 in "12,5 %", "R$ 1,00").
        // Pattern spaces only ever occur in affixes, so drop them here and drop spaces next
        // to non-digits in the input: both "12,5 %" and "12,5%" then parse.
        UnicodeString pattern;
        parser->toPattern(pattern);
        int32_t semicolon = pattern.indexOf((UChar)0x3B);
        if (semicolon >= 0) pattern.truncate(semicolon);
        UnicodeString stripped;
        for (int32_t i = 0; i < pattern.length();) {
            UChar32 c = pattern.char32At(i);
            i += U16_LENGTH(c);
            if (!is_space_like(c)) stripped.append(c);
        }
        if (style == WWC_NUMFMT_CURRENCY_SWAPPED) {
            UnicodeString sign((UChar)0xA4);
            if (stripped.startsWith(sign)) {
                stripped.remove(0, 1);
                stripped.append(sign);
            } else if (stripped.endsWith(sign)) {
                stripped.truncate(stripped.length() - 1);
                stripped.insert(0, sign);
            }
        }
        parser->applyPattern(stripped, status);
        parser->setLenient(false);
        parser->setParseNoExponent(true);
        if (U_FAILURE(status)) {
            delete parser; delete display;
            *statusOut = WWC_ERR_ICU;
            return nullptr;
        }
    }
    wwc_numfmt *handle = new wwc_numfmt{parser, display, style, locale};
    *statusOut = WWC_OK;
    return handle;
}

extern "C" void wwc_numfmt_close(wwc_numfmt *format) {
    if (!format) return;
    delete format->parser;
    delete format->display;
    delete format;
}

/// The display format, created on first use (nullptr if ICU fails).
static DecimalFormat *display_of(wwc_numfmt *format) {
    if (format->display) return format->display;
    UErrorCode status = U_ZERO_ERROR;
    DecimalFormat *display = create(format->locale, format->style, status);
    if (U_FAILURE(status) || !display) { delete display; return nullptr; }
    // Examples show what was meant: 73,4 % rather than the pattern's rounded 73 %.
    if (format->style == WWC_NUMFMT_PERCENT || format->style == WWC_NUMFMT_DECIMAL) display->setMaximumFractionDigits(6);
    format->display = display;
    return display;
}

static int32_t utf8_out(const UnicodeString &text, char *out, int32_t capacity) {
    return wwc_utf8_out(text.getBuffer(), text.length(), out, capacity);
}

extern "C" int32_t wwc_numfmt_parse(wwc_numfmt *format, const char *text, int32_t length, char *out,
                                    int32_t capacity, char *currency, int32_t *errorOffset) {
    *errorOffset = 0;
    UnicodeString input = UnicodeString::fromUTF8(StringPiece(text, length));
    bool affixed = format->style == WWC_NUMFMT_PERCENT || format->style == WWC_NUMFMT_CURRENCY
        || format->style == WWC_NUMFMT_CURRENCY_SWAPPED;
    if (affixed) {
        // Remove space runs that touch a non-digit (the affix side); spaces between digits
        // are grouping and stay for the parser to judge.
        UnicodeString cleaned;
        int32_t i = 0;
        while (i < input.length()) {
            UChar32 c = input.char32At(i);
            if (!is_space_like(c)) {
                cleaned.append(c);
                i += U16_LENGTH(c);
                continue;
            }
            int32_t end = i;
            while (end < input.length() && is_space_like(input.char32At(end))) end += U16_LENGTH(input.char32At(end));
            bool digitBefore = cleaned.length() > 0 && u_isdigit(cleaned.char32At(cleaned.length() - 1));
            bool digitAfter = end < input.length() && u_isdigit(input.char32At(end));
            if (digitBefore && digitAfter) cleaned.append(input, i, end - i);
            i = end;
        }
        input = cleaned;
    }
    // Separators must be this locale's own. ICU also accepts "equivalent" ones (a space or
    // "." as grouping in fr, a space in en-US), which would silently read "1.234" as 1234 in
    // French. A separator-like character next to a digit must be the locale's decimal or
    // grouping symbol (any space counts as the grouping symbol where that is a space).
    const DecimalFormatSymbols *symbols = format->parser->getDecimalFormatSymbols();
    const UnicodeString &grouping = symbols->getConstSymbol(DecimalFormatSymbols::kGroupingSeparatorSymbol);
    const UnicodeString &decimalSign = symbols->getConstSymbol(DecimalFormatSymbols::kDecimalSeparatorSymbol);
    UChar32 groupingChar = grouping.length() ? grouping.char32At(0) : 0;
    UChar32 decimalChar = decimalSign.length() ? decimalSign.char32At(0) : 0;
    bool spaceGrouping = groupingChar != 0 && is_space_like(groupingChar);
    for (int32_t i = 0; i < input.length(); i += U16_LENGTH(input.char32At(i))) {
        UChar32 c = input.char32At(i);
        bool separatorLike = c == 0x2E || c == 0x2C || c == 0x27 || c == 0x2019 || c == 0x066B || c == 0x066C
            || c == 0x00B7 || is_space_like(c);
        if (!separatorLike) continue;
        bool digitBefore = i > 0 && u_isdigit(input.char32At(i - 1));
        int32_t next = i + U16_LENGTH(c);
        bool digitAfter = next < input.length() && u_isdigit(input.char32At(next));
        if (!digitBefore && !digitAfter) continue;
        bool allowed = c == decimalChar || c == groupingChar || (spaceGrouping && is_space_like(c));
        if (format->style == WWC_NUMFMT_PLAIN_INTEGER) allowed = false;
        if (!allowed) {
            *errorOffset = i;
            return WWC_ERR_PARSE;
        }
    }
    ParsePosition position(0);
    UErrorCode status = U_ZERO_ERROR;
    Formattable result;
    if (format->style == WWC_NUMFMT_CURRENCY || format->style == WWC_NUMFMT_CURRENCY_SWAPPED) {
        CurrencyAmount *amount = format->parser->parseCurrency(input, position);
        if (amount == nullptr || position.getErrorIndex() >= 0 || position.getIndex() == 0) {
            delete amount;
            *errorOffset = position.getErrorIndex() >= 0 ? position.getErrorIndex() : position.getIndex();
            return WWC_ERR_PARSE;
        }
        result = amount->getNumber();
        if (currency) {
            const char16_t *iso = amount->getISOCurrency();
            for (int k = 0; k < 3; k++) currency[k] = (char)iso[k];
            currency[3] = 0;
        }
        delete amount;
    } else {
        format->parser->parse(input, result, position);
        if (position.getErrorIndex() >= 0 || position.getIndex() == 0) {
            *errorOffset = position.getErrorIndex() >= 0 ? position.getErrorIndex() : 0;
            return WWC_ERR_PARSE;
        }
    }
    if (position.getIndex() != input.length()) {
        *errorOffset = position.getIndex();
        return WWC_ERR_TRAILING;
    }
    StringPiece decimal = result.getDecimalNumber(status);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    int32_t needed = (int32_t)decimal.size();
    if (needed < capacity) {
        memcpy(out, decimal.data(), (size_t)needed);
        out[needed] = 0;
    }
    return needed;
}

extern "C" int32_t wwc_numfmt_format(wwc_numfmt *format, const char *decimal, const char *currency,
                                     char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UnicodeString text;
    DecimalFormat *display = display_of(format);
    if (!display) return WWC_ERR_ICU;
    if (currency && (format->style == WWC_NUMFMT_CURRENCY || format->style == WWC_NUMFMT_CURRENCY_SWAPPED)) {
        UnicodeString iso(currency, -1, US_INV);
        display->setCurrency(iso.getTerminatedBuffer(), status);
    }
    display->format(StringPiece(decimal), text, nullptr, status);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    return utf8_out(text, out, capacity);
}

extern "C" int32_t wwc_numfmt_symbol(wwc_numfmt *format, int32_t symbol, char *out, int32_t capacity) {
    const DecimalFormatSymbols *symbols = format->parser->getDecimalFormatSymbols();
    DecimalFormatSymbols::ENumberFormatSymbol which = DecimalFormatSymbols::kDecimalSeparatorSymbol;
    if (symbol == WWC_SYMBOL_GROUPING) which = DecimalFormatSymbols::kGroupingSeparatorSymbol;
    if (symbol == WWC_SYMBOL_MINUS) which = DecimalFormatSymbols::kMinusSignSymbol;
    return utf8_out(symbols->getConstSymbol(which), out, capacity);
}
