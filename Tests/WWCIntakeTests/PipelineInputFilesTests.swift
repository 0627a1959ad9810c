import Foundation
import Testing
@testable import WWCIntake

/// Which files a folder argument expands to: the walk that replaced Foundation's enumerator
/// picks what it picked, in the same order, and also follows symbolic links (issue 13).
@Suite struct PipelineInputFilesTests {
    @Test func folderWalkTakesRegularFormFilesOnly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("wwc-input-files-\(UUID().uuidString)")
        let manager = FileManager.default
        defer { try? manager.removeItem(at: root) }
        for folder in ["b/deep", "a", "real", "x.json"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["a/2.xml", "a/10.json", "b/deep/form.XML", "b/Upper.JSON", "b/notes.txt", "b/.json", "b/.hidden.json",
                     "b/bogota.expected.json", "real/linked.json", "top.json", "no-extension", "trailing."] {
            try Data("{}".utf8).write(to: root.appendingPathComponent(file))
        }
        // Links are followed, to a file or to a folder (issue 13: nothing skipped silently).
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("b/link.json").path,
                                       withDestinationPath: root.appendingPathComponent("real/linked.json").path)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("folder-link").path,
                                       withDestinationPath: root.appendingPathComponent("real").path)
        for argument in [root.path, root.path + "/"] {
            let (files, problems) = InputFiles.collect([argument])
            #expect(problems.isEmpty)
            let prefix = root.path + "/"
            #expect(files.map { String($0.dropFirst(prefix.count)) } == [
                "a/10.json", "a/2.xml", "b/.hidden.json", "b/Upper.JSON", "b/deep/form.XML", "b/link.json",
                "folder-link/linked.json", "real/linked.json", "top.json",
            ])
        }
        // A file named explicitly is read whatever its name; a missing one is reported.
        let (named, problems) = InputFiles.collect([root.appendingPathComponent("b/notes.txt").path, root.path + "/missing.json"])
        #expect(named == [root.appendingPathComponent("b/notes.txt").path])
        #expect(problems.map(\.code) == [.inputUnreadable])
    }
}

/// Output names: the string fast path must name files exactly as `URL` did.
@Suite struct PipelineOutputNameTests {
    static let paths = [
        "samples/es/bogota.xml", "samples/es/bogota.json", "a/Upper.JSON", "b/.hidden.json", "c/a..json", "d/x.y.xml",
        "form", "e/notes.txt", "f/trailing.", "/abs/top.json", "g/bogota.expected.json", "h/.json", "rel.xml",
    ]

    @Test(arguments: paths)
    func nameAndStemAgreeWithURL(path: String) {
        let url = URL(fileURLWithPath: path)
        let (name, stem) = InputFiles.nameAndStem(of: path)
        #expect(name == url.lastPathComponent)
        #expect(stem == url.deletingPathExtension().lastPathComponent)
    }

    @Test func sharedStemsKeepTheirFormat() {
        #expect(InputFiles.outputNames(for: ["es/bogota.xml", "es/bogota.json", "en/austin.json"])
                == ["bogota.xml.json", "bogota.json.json", "austin.json"])
    }
}
