internal import CICU

/// The key under which labels, aliases and answers are compared.
///
/// Built by ICU in one pass (see `wwc_match_key`): NFKC case folding (so width variants,
/// ligatures and `ß`/`ss` meet), canonical decomposition, then **every** combining mark is
/// removed — accents, but also the tilde of `ñ` and the cedilla of `ç`, so `Año` == `ano` and
/// `Lições` == `licoes` (forms are typed on keyboards without these letters; we accept that
/// `año`/`ano` then share a key). Every run of characters that are not letters, digits or
/// spacing marks (punctuation, symbols, white space) becomes one space, and the key is trimmed:
/// `Site Web` == `site-web` == `SITE_WEB`. Latin letters that have no decomposition are spelled
/// in ASCII by ICU's Latin-ASCII transliterator (`Mise en œuvre` == `mise en oeuvre`,
/// `æ` → `ae`, `ø` → `o`). Letters and digits are never dropped.
///
/// Thread-safe and allocation-light: the ICU normalizers are process-wide singletons; the
/// transliterator is opened once per thread, and only when such a letter appears.
enum MatchKey {
    /// Keys computed so far. Forms of a batch repeat the same keys and answers (`Estado`,
    /// `Sí`, `criterio`…), and each ICU pass (UTF-8 → UTF-16, three normalizations, back)
    /// cost ~10,000 instructions: 9 % of a batch conversion. Shared by all threads (one lock
    /// per look-up is cheap next to the ICU call); short texts only, and emptied when full,
    /// so a hostile form with 100,000 distinct keys cannot grow it without bound. Canonically
    /// equivalent strings are equal `String`s, and have the same key anyway (NFKC first).
    private static let cache = Locked<[String: String]>([:])
    private static let cacheLimit = 20_000
    private static let cacheableLength = 160

    static func make(_ text: String) -> String {
        if let key = asciiKey(text) { return key }
        let cacheable = text.utf8.count <= cacheableLength
        if cacheable, let key = cache.withLock({ $0[text] }) { return key }
        let key = compute(text)
        if cacheable {
            cache.withLock { cache in
                if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[text] = key
            }
        }
        return key
    }

    /// The key of an all-ASCII text without ICU, or nil when the text has a non-ASCII byte.
    ///
    /// Exactly what `wwc_match_key` gives for ASCII (pinned against it by
    /// `ValueMatchKeyFastPathTests` on every byte and on every label of the shipped catalogs):
    /// NFKC case folding of ASCII only lower-cases `A`–`Z` (no ASCII character is a
    /// compatibility variant or default-ignorable), NFD leaves ASCII alone and ASCII has no
    /// marks; letters and digits are the only ASCII characters of general category L or N, so
    /// every other byte (space, punctuation, symbols, controls, NUL) is a word break; breaks
    /// collapse to one space, the key is trimmed, and nothing is left for Latin-ASCII or NFC.
    /// Most labels, ids and keys are ASCII, and each ICU pass costs ~10,000 instructions: at
    /// start-up the label indexes alone made 2,000 of them.
    static func asciiKey(_ text: String) -> String? {
        var copy = text
        var isOwnKey = false
        let key = copy.withUTF8 { bytes -> String? in
            for byte in bytes where byte >= 0x80 { return nil }
            // Already a key (lower-case letters and digits, single inner spaces): no copy.
            if isASCIIKey(bytes) {
                isOwnKey = true
                return nil
            }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                var pending = false
                for byte in bytes {
                    let folded: UInt8
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): folded = byte
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): folded = byte | 0x20
                    default:
                        pending = true
                        continue
                    }
                    if pending && count > 0 {
                        out[count] = 0x20
                        count += 1
                    }
                    pending = false
                    out[count] = folded
                    count += 1
                }
                return count
            }
        }
        return isOwnKey ? text : key
    }

    /// Whether ASCII bytes are their own key: only `a`–`z`, `0`–`9` and single spaces
    /// between them.
    private static func isASCIIKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousIsSpace = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousIsSpace = false
            case 0x20:
                if previousIsSpace { return false }
                previousIsSpace = true
            default:
                return false
            }
        }
        return !previousIsSpace || bytes.isEmpty
    }

    /// The key as ICU computes it, for any text (the fast path's reference in tests).
    static func computeWithICU(_ text: String) -> String {
        compute(text)
    }

    private static func compute(_ text: String) -> String {
        let result = ICUCall.withUTF8(text) { pointer, length in
            ICUCall.string(initialCapacity: max(64, Int(length) * 2 + 16)) { out, capacity in
                wwc_match_key(pointer, length, out, capacity)
            }
        }
        return (try? result.get()) ?? ""
    }
}

extension MatchKey {
    /// The key without its spaces (`submission date` → `submissiondate`). ASCII keys (nearly
    /// all) byte for byte, the same result as Foundation's `replacingOccurrences(of: " ",
    /// with: "")`, which cost 6 % of a batch conversion; others still through Foundation.
    static func removingSpaces(_ key: String) -> String {
        guard key.utf8.allSatisfy({ $0 < 0x80 }) else { return key.replacingOccurrences(of: " ", with: "") }
        guard key.utf8.contains(0x20) else { return key }
        return String(decoding: key.utf8.filter { $0 != 0x20 }, as: UTF8.self)
    }
}
