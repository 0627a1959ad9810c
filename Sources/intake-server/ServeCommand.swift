import ArgumentParser
import Foundation
import Hummingbird
import WWCIntake
import WWCRegister
import WWCServer

/// `intake serve`: the HTTP API (openapi.yaml) over the register.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API: validate forms, receive submissions, review and export.",
        discussion: """
            POST /v1/validate needs no token; everything else needs `Authorization: Bearer TOKEN` \
            (create one with `intake register token add NAME --role staff|submitter`). \
            Submitters may only submit; staff may also read, review and export. Errors are \
            RFC 9457 application/problem+json with our codes. openapi.yaml describes every route.

            Examples:
              intake serve
              intake serve --db postgres://intake:secret@db.example.org/intake --host 0.0.0.0 --port 8080
            """)

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "host"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("Port to listen on (0: any free port, printed at start).", valueName: "port"))
    var port: Int = 8080

    @OptionGroup var options: RegisterOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw usageError(.optionInvalid, ["option": "--port", "rule": "port", "value": .text(String(port))]) }
    }

    func run() async throws {
        let builder = try options.builder()
        let store = try await options.open(catalogs: builder.catalogs)
        let environment = ServerEnvironment(store: store, builder: builder, maxBodyBytes: options.maxBytes)
        let location = RegisterLocation.isPostgres(options.location) ? "PostgreSQL" : options.location
        let app = IntakeServer.application(environment, host: host, port: port) { port in
            Output.error("intake serve: listening on http://\(host):\(port) (register: \(location))")
        }
        do {
            try await app.runService()
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
