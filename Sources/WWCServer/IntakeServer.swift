import Foundation
import Hummingbird
import Logging
import WWCIntake
import WWCRegister

/// What every route shares: the register, the pipeline, the catalogs and the limits.
package struct ServerEnvironment: Sendable {
    package let store: any RegisterStore
    package let builder: SubmissionBuilder
    /// The largest request body accepted (`--max-bytes`, the converter's input limit).
    package let maxBodyBytes: Int

    package init(store: any RegisterStore, builder: SubmissionBuilder, maxBodyBytes: Int? = nil) {
        self.store = store
        self.builder = builder
        self.maxBodyBytes = maxBodyBytes ?? builder.converter.options.limits.maxInputBytes
    }

    package var catalogs: CatalogSet { builder.catalogs }
    package var rubric: Rubric { builder.rubric }
}

/// Builds the HTTP server. Route groups live in their own files (`APIRoutes` for /v1 and
/// /healthz); each adds itself to the router here, one line per group.
package enum IntakeServer {
    package static let version = "0.1.0"

    /// The router with the problem+json and bearer-token middleware in front of every route.
    static func router(_ environment: ServerEnvironment) -> Router<IntakeRequestContext> {
        let router = Router(context: IntakeRequestContext.self)
        router.add(middleware: ProblemMiddleware(catalogs: environment.catalogs, maxBodyBytes: environment.maxBodyBytes))
        router.add(middleware: BearerAuthMiddleware(store: environment.store))
        APIRoutes(environment: environment).add(to: router)
        ReviewPageRoutes(environment: environment)?.add(to: router)
        return router
    }

    package static func application(_ environment: ServerEnvironment, host: String, port: Int,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        var logger = Logger(label: "intake-serve")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return Application(
            router: router(environment),
            configuration: .init(address: .hostname(host, port: port), serverName: "intake/\(version)"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
