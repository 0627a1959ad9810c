import Hummingbird
import WWCRegister

/// Per-request state: who the bearer token says is calling (set by `BearerAuthMiddleware`)
/// and the language their messages are in (`Accept-Language`).
package struct IntakeRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// Nil when the request carried no token (the open routes allow that).
    var identity: TokenIdentity?
    /// en, es, pt or fr: the first the client accepts, else en.
    package var language: String = "en"

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The caller, when it may do what needs `role`: 401 without a token, 403 with a
    /// submitter's token where staff is needed.
    @discardableResult
    func require(_ role: Role) throws(Problem) -> TokenIdentity {
        guard let identity else { throw Problem(.unauthorized, code: .authRequired) }
        if role == .staff, identity.role != .staff {
            throw Problem(.forbidden, code: .authForbidden, ["role": .text(identity.role.rawValue)])
        }
        return identity
    }
}
