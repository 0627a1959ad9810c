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
        /// Findings that do not stop the form (`locale.overridden`).
        var warnings: [Diagnostic] = []
    }

    /// Whether `--locale` says no more than the declaration: the same language, and the same
    /// region where both name one (`es` declared, `es-MX` given: the option only adds the region).
    static func agrees(_ declared: String?, with option: String) -> Bool {
        guard let declared else { return false }
        let given = ((try? ValueParser.locale(option)) ?? option).split(separator: "-")
        let stated = declared.split(separator: "-")
        guard given.first == stated.first else { return false }
        return given.count < 2 || stated.count < 2 || given.dropFirst() == stated.dropFirst()
    }

    /// The catalog language a language name stands for, in any catalog language and matched
    /// as `MatchKey` does (case and accents aside): `Español`, `Spanish`, `espagnol`,
    /// `Português`, `Français`, `English` … (ICU's display names, not a list of ours).
    func languageNamed(_ raw: String) -> String? {
        let key = MatchKey.make(raw)
        guard !key.isEmpty else { return nil }
        return resolvers.languages.first { language in
            resolvers.languages.contains { display in
                ValueParser.languageName(language, in: display).map(MatchKey.make) == key
            }
        }
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
        var unreadable: Diagnostic?
        if let raw = declaredRaw {
            do {
                declared = try ValueParser.locale(raw)
            } catch {
                if let named = languageNamed(raw) {
                    declared = named
                } else {
                    let node = declaredField(in: document.root, cache: cache)?.node
                    unreadable = .error(error.code, arguments: error.arguments.merging(["value": .text(raw)]) { a, _ in a },
                                        path: node?.path ?? document.root.path, field: "submission.locale",
                                        location: node?.location ?? document.root.location, value: raw)
                }
            }
        }
        if let option {
            // `--locale` wins over the declaration, readable or not; a warning says so.
            var result = language(of: option, declared: declared, source: .option, document: document)
            if let raw = declaredRaw, !Self.agrees(declared, with: option), case .success(var resolution) = result {
                let node = declaredField(in: document.root, cache: cache)?.node
                resolution.warnings.append(.warning(.localeOverridden, arguments: [
                    "value": .text(raw), "locale": .text(option),
                ], path: node?.path ?? document.root.path, field: "submission.locale",
                   location: node?.location ?? document.root.location, value: raw))
                result = .success(resolution)
            }
            return result
        }
        if let unreadable { return .failure(unreadable) }
        if let declared {
            return language(of: declared, declared: declared, source: .declared, document: document)
        }
        return detect(document, cache: cache)
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
    private func detect(_ document: FormDocument, cache: ResolutionCache? = nil) -> Result<Resolution, Diagnostic> {
        // Every key counts once per occurrence, but a form repeats a few keys many times (each
        // criterion's `status`, `narrative`…): occurrences are counted by key id, and each
        // distinct key is folded and tested once. A list counts its first item only.
        let tree = document.tree
        var occurrences = [Int](repeating: 0, count: tree.keys.count)
        var stack = [document.root.index]
        while let index = stack.popLast() {
            let node = tree.node(index)
            occurrences[Int(node.key)] += 1
            var attribute = node.firstAttribute
            while attribute >= 0 {
                stack.append(attribute)
                attribute = tree.node(attribute).nextSibling
            }
            if node.kind == .section {
                var child = node.firstChild
                while child >= 0 {
                    stack.append(child)
                    child = tree.node(child).nextSibling
                }
            } else if node.kind == .list, node.firstChild >= 0 {
                stack.append(node.firstChild)
            }
        }
        var keys: [(evidence: KeyEvidence, count: Int)] = []
        for (id, count) in occurrences.enumerated() where count > 0 {
            let key = tree.keys[id]
            keys.append((cache?.evidence(of: key, self.evidence(of:)) ?? evidence(of: key), count))
        }
        var scores: [(language: String, score: Int)] = []
        // Detection needs only each language's vocabulary, not its full resolver.
        for (position, language) in resolvers.languages.enumerated() where resolvers.labels(for: language) != nil {
            scores.append((language, keys.reduce(0) { $0 + ($1.evidence.isWord(in: position) ? $1.count : 0) }))
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

    /// Which languages' vocabularies hold a key as written (by its matching key), by position
    /// in `resolvers.languages`; none for an id (`applicant.city`, `DM1`: the same in every
    /// language, so no evidence). A pure function of the key for the converter's life, so the
    /// session keeps it (`ResolutionCache.evidence`): folding each key and looking it up in
    /// every vocabulary was most of detection's cost per form.
    func evidence(of key: String) -> KeyEvidence {
        guard !resolvers.languages.isEmpty else { return KeyEvidence(languages: []) }
        let match = MatchKey.make(key)
        if resolvers.ids.isID(match) { return KeyEvidence(languages: []) }
        return KeyEvidence(languages: resolvers.languages.map { resolvers.labels(for: $0)?.vocabulary.contains(match) == true })
    }

    /// A `submission.locale` value at the top or in the submission section, found under the
    /// label of any language (the language is not known yet).
    func declaredField(in root: FormNode, cache: ResolutionCache? = nil) -> (text: String, node: FormNode)? {
        let children = root.children  // the same for every language
        for language in resolvers.languages {
            guard let resolver = resolvers.resolver(for: language) else { continue }
            func resolve(_ key: String, in scope: MappingScope) -> WWCIntake.Resolution {
                cache?.resolve(key, in: scope, with: resolver) ?? resolver.resolve(key, in: scope)
            }
            let localeField = resolver.schema.localeField
            for child in children {
                switch resolve(child.key, in: .root) {
                case .target(.field(let field)) where field == localeField:
                    if let text = child.scalar?.text { return (text, child) }
                case .target(.section(let section)):
                    for grandchild in child.children {
                        if case .target(.field(let field)) = resolve(grandchild.key, in: .section(section)),
                           field == localeField, let text = grandchild.scalar?.text {
                            return (text, grandchild)
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

/// `LocaleResolver.evidence(of:)`: per language (by position), whether its vocabulary holds
/// the key.
struct KeyEvidence: Sendable {
    let languages: [Bool]

    func isWord(in position: Int) -> Bool { position < languages.count && languages[position] }
}
