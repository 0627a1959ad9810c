internal import CICU

/// ICU MessageFormat with named arguments (through ICU's C++ `MessageFormat`), so catalog
/// messages are plural-correct by CLDR rules: `{count, plural, one {# erreur} other {# erreurs}}`
/// gives "0 erreur" and "2 erreurs" in French.
///
/// Thread-safe. Compiled patterns are cached per thread in C (`wwc_message_format`), keyed by
/// locale and pattern, so a batch compiles each catalog message once per worker thread.
enum MessageFormatter {
    /// The `DiagnosticCode` of a pattern syntax error; arguments: `offset` (UTF-16 offset).
    static let syntaxErrorCode: DiagnosticCode = .messageSyntax

    static func format(
        _ pattern: String, locale: String, arguments: [String: MessageArgument]
    ) throws(ValueError) -> String {
        // Names and texts go into one NUL-separated buffer, and the C argument array points
        // into it: two allocations per message instead of one per string. Argument order does
        // not matter to ICU (arguments are looked up by name).
        var flat: [UInt8] = []
        var byteCount = 0
        for (name, value) in arguments {
            byteCount += name.utf8.count + 1
            if case .text(let text) = value { byteCount += text.utf8.count + 1 }
            if case .decimal(let text) = value { byteCount += text.utf8.count + 1 }
        }
        flat.reserveCapacity(byteCount)
        // (name offset, text offset or -1, integer) per argument.
        var layout: [(name: Int, text: Int, integer: Int64, decimal: Bool)] = []
        layout.reserveCapacity(arguments.count)
        for (name, value) in arguments {
            let nameOffset = flat.count
            appendCString(name, to: &flat)
            switch value {
            case .text(let text):
                let textOffset = flat.count
                appendCString(text, to: &flat)
                layout.append((nameOffset, textOffset, 0, false))
            case .number(let number):
                layout.append((nameOffset, -1, Int64(number), false))
            case .decimal(let text):
                let textOffset = flat.count
                appendCString(text, to: &flat)
                layout.append((nameOffset, textOffset, 0, true))
            }
        }
        var offset: Int32 = -1
        let result: Result<String, ICUStatus> = flat.withUnsafeBufferPointer { bytes in
            let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            let args = layout.map { entry in
                entry.text < 0
                    ? wwc_message_arg(name: base + entry.name, kind: Int32(WWC_ARG_INTEGER), text: nil, integer: entry.integer)
                    : wwc_message_arg(name: base + entry.name, kind: Int32(entry.decimal ? WWC_ARG_DECIMAL : WWC_ARG_TEXT),
                                      text: base + entry.text, integer: 0)
            }
            return ICUCall.withUTF8(pattern) { pointer, length in
                ICUCall.string { out, capacity in
                    wwc_message_format(pointer, length, locale, args, Int32(args.count), out, capacity, &offset)
                }
            }
        }
        switch result {
        case .success(let text): return text
        case .failure(let status) where status == .parse:
            throw ValueError(syntaxErrorCode, arguments: ["offset": .number(Int(offset))])
        case .failure(let status) where status == .locale:
            throw ValueError(.localeInvalid, arguments: ["value": .text(locale)])
        case .failure:
            throw ValueError(syntaxErrorCode, arguments: ["offset": .number(Int(max(offset, 0)))])
        }
    }

    /// How many compiled patterns the calling thread's cache holds (tests check reuse).
    static var cachedPatternCountOnThisThread: Int { Int(wwc_message_cache_size()) }

    /// Empties the calling thread's cache of compiled patterns.
    static func resetCacheOnThisThread() { wwc_message_cache_reset() }

    /// Argument names and plural selector keywords of a pattern; a syntax error throws
    /// `message.syntax` with `offset`.
    static func inspect(_ pattern: String) throws(ValueError) -> MessagePatternInfo {
        // Every rendered diagnostic inspects its catalog pattern (to complete missing
        // arguments) before formatting it: the same few hundred patterns, each compiled by
        // ICU per call. Successful inspections are kept (bounded; errors are not cached).
        if let info = inspected.withLock({ $0[pattern] }) { return info }
        let info = try inspectUncached(pattern)
        inspected.withLock { cache in
            if cache.count >= 4_096 { cache.removeAll(keepingCapacity: true) }
            cache[pattern] = info
        }
        return info
    }

    private static let inspected = Locked<[String: MessagePatternInfo]>([:])

    private static func inspectUncached(_ pattern: String) throws(ValueError) -> MessagePatternInfo {
        var offset: Int32 = -1
        let result = ICUCall.withUTF8(pattern) { pointer, length in
            ICUCall.string { out, capacity in wwc_message_inspect(pointer, length, out, capacity, &offset) }
        }
        guard case .success(let facts) = result else {
            throw ValueError(syntaxErrorCode, arguments: ["offset": .number(Int(max(offset, 0)))])
        }
        var info = MessagePatternInfo()
        for line in facts.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "A", fields.count == 2 {
                info.argumentNames.insert(fields[1])
            } else if fields.first == "K", fields.count == 3 {
                info.pluralKeywords[fields[1], default: []].append(fields[2])
            }
        }
        return info
    }

    private static func appendCString(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0)
    }
}
