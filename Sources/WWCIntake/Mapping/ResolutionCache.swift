/// What keys resolved to, per language and scope, kept by one conversion session (one
/// thread) across the forms of a batch.
///
/// Why: forms of a round use the same few hundred labels, and resolving a key — its matching
/// key through ICU (cached behind a lock), then up to a dozen look-ups and, for a key unknown
/// in that language, the criterion-id and camel-case tests — cost 2,000–18,000 instructions
/// each time; looking up the answer costs a few hundred. Resolution is a pure function of the
/// language's `KeyResolver`, the scope and the key, so the cache never changes an answer.
/// Bounded: emptied when full, so a batch of hostile forms with endless distinct keys cannot
/// grow it without limit. Not thread-safe by design: one per `ConversionSession`.
final class ResolutionCache {
    private struct Entry: Hashable {
        /// The language's resolver (one per language for the converter's life).
        let resolver: ObjectIdentifier
        let scope: MappingScope
        let key: String
    }

    private var resolutions: [Entry: Resolution] = [:]
    static let limit = 20_000

    /// Locale detection's evidence per key as written (see `LocaleResolver.evidence(of:)`),
    /// the same for every form of the converter. Bounded like `resolutions`.
    private var evidence: [String: KeyEvidence] = [:]

    func evidence(of key: String, _ compute: (String) -> KeyEvidence) -> KeyEvidence {
        if let known = evidence[key] { return known }
        let found = compute(key)
        if evidence.count >= Self.limit { evidence.removeAll(keepingCapacity: true) }
        evidence[key] = found
        return found
    }

    func resolve(_ key: String, in scope: MappingScope, with resolver: KeyResolver) -> Resolution {
        let entry = Entry(resolver: ObjectIdentifier(resolver), scope: scope, key: key)
        if let known = resolutions[entry] { return known }
        let resolution = resolver.resolve(key, in: scope)
        if resolutions.count >= Self.limit { resolutions.removeAll(keepingCapacity: true) }
        resolutions[entry] = resolution
        return resolution
    }
}
