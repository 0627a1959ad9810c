/// Decides which catalog language a form is written in.
///
/// Order (spec, "Locale resolution"): the `--locale` option (intake staff overriding a wrong
/// declaration), else the declared locale (`xml:lang`/`lang` on the root, or a
/// `submission.locale` field under any language's label), else the language whose catalog
/// labels match the form's keys best. A tie or weak evidence is `locale.undetermined`, never
/// a guess. The region is settled later, from the applicant's country (see `Converter`).
struct LocaleResolver: Sendable {
    struct Resolution: Sendable, Hashable {
        var language: String
        /// The locale as declared or given, canonicalized (`es`, `pt-PT`), when there was one.
        var requested: String?
        var declared: String?
        var source: CanonicalApplication.LocaleSource
    }

    /// Least number of matching keys for a detected language to count as evidence.
    static let minimumEvidence = 2

    /// Built per language on first use: a form that declares its language (by attribute, or
    /// by a field the first languages already recognize) never builds the others.
    let resolvers: LanguageResolvers

    /// - Parameter cache: the session's resolutions, which make the search for a declared
    ///   locale field (every root key, in each language until one answers) nearly free.
    func resolve(_ document: FormDocument, option: String?, cache: ResolutionCache? = nil) -> Result<Resolution, Diagnostic> {
        let declaredRaw = document.declaredLocale ?? declaredField(in: document.root, cache: cache)?.text
        var declared: String?
        if let raw = declaredRaw {
            do {
                declared = try ValueParser.locale(raw)
            } catch {
                let node = declaredField(in: document.root, cache: cache)
                return .failure(.error(error.code, arguments: error.arguments.merging(["value": .text(raw)]) { a, _ in a },
                                       path: node?.path ?? document.root.path, field: "submission.locale",
                                       location: node?.location ?? document.root.location, value: raw))
            }
        }
        if let option {
            return language(of: option, declared: declared, source: .option, document: document)
        }
        if let declared {
            return language(of: declared, declared: declared, source: .declared, document: document)
        }
        return detect(document)
    }

    private func language(of locale: String, declared: String?, source: CanonicalApplication.LocaleSource,
                          document: FormDocument) -> Result<Resolution, Diagnostic> {
        let language = String(locale.split(separator: "-").first ?? "")
        guard resolvers.languages.contains(language) else {
            return .failure(.error(.localeUndetermined, arguments: [
                "value": .text(locale), "candidates": .text(resolvers.languages.joined(separator: ", ")),
            ], path: document.root.path, location: document.root.location, value: locale))
        }
        return .success(Resolution(language: language, requested: locale, declared: declared, source: source))
    }

    /// The language whose vocabulary matches most keys, when it clearly wins.
    private func detect(_ document: FormDocument) -> Result<Resolution, Diagnostic> {
        // Every key counts once per occurrence, but a form repeats a few keys many times (each
        // criterion's `status`, `narrative`…): each distinct key is folded and tested once.
        var occurrences: [String: Int] = [:]
        var stack = [document.root]
        while let node = stack.popLast() {
            occurrences[node.key, default: 0] += 1
            stack.append(contentsOf: node.attributes)
            if case .section(let children) = node.content { stack.append(contentsOf: children) }
            if case .list(let items) = node.content, let first = items.first { stack.append(first) }
        }
        let ids: IDIndex? = resolvers.languages.isEmpty ? nil : resolvers.ids
        var keys: [(key: String, count: Int)] = []
        for (raw, count) in occurrences {
            let key = MatchKey.make(raw)
            // Ids (`applicant.city`, `DM1`) are the same in every language: no evidence.
            if ids?.isID(key) != true { keys.append((key, count)) }
        }
        var scores: [(language: String, score: Int)] = []
        // Detection needs only each language's vocabulary, not its full resolver.
        for language in resolvers.languages {
            guard let vocabulary = resolvers.labels(for: language)?.vocabulary else { continue }
            scores.append((language, keys.reduce(0) { $0 + (vocabulary.contains($1.key) ? $1.count : 0) }))
        }
        scores.sort { $0.score != $1.score ? $0.score > $1.score : $0.language < $1.language }
        guard let best = scores.first, best.score >= Self.minimumEvidence,
              scores.count < 2 || scores[1].score < best.score else {
            let summary = scores.map { "\($0.language) \($0.score)" }.joined(separator: ", ")
            return .failure(.error(.localeUndetermined, arguments: ["candidates": .text(summary)],
                                   path: document.root.path, location: document.root.location))
        }
        return .success(Resolution(language: best.language, requested: nil, declared: nil, source: .detected))
    }

    /// A `submission.locale` value at the top or in the submission section, found under the
    /// label of any language (the language is not known yet).
    func declaredField(in root: FormNode, cache: ResolutionCache? = nil) -> (text: String, path: String, location: SourceLocation?)? {
        for language in resolvers.languages {
            guard let resolver = resolvers.resolver(for: language) else { continue }
            func resolve(_ key: String, in scope: MappingScope) -> WWCIntake.Resolution {
                cache?.resolve(key, in: scope, with: resolver) ?? resolver.resolve(key, in: scope)
            }
            for child in root.children {
                switch resolve(child.key, in: .root) {
                case .target(.field("submission.locale")):
                    if let text = child.scalar?.text { return (text, child.path, child.location) }
                case .target(.section(let section)):
                    for grandchild in child.children {
                        if case .target(.field("submission.locale")) = resolve(grandchild.key, in: .section(section)),
                           let text = grandchild.scalar?.text {
                            return (text, grandchild.path, grandchild.location)
                        }
                    }
                default:
                    continue
                }
            }
        }
        return nil
    }
}
