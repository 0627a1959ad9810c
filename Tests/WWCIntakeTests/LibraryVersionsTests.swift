import Testing
import WWCIntake

@Test func systemICUIsLinked() {
    #expect(LibraryVersions.icu.split(separator: ".").count >= 2)
}
