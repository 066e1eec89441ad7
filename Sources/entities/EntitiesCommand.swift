import ArgumentParser
import Foundation

@main
struct EntitiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entities",
    abstract:
      "Find places, organizations, people, nationalities, dates and casualty counts in English news.",
    discussion: """
      Rule-based and fast: ICU tokenization, gazetteers and rules. In the source repository, \
      docs/SPEC.md describes the commands, input and output formats, docs/ANNOTATION.md what \
      each type covers, and Gazetteers/FORMAT.md the gazetteer files.

      Exit status: 0 when everything was done, 1 when some document could not be \
      annotated (it still gets its error line), 2 for a usage error (an unknown option or \
      a bad option value, with a message naming it) and for bad input to evaluate.
      """,
    subcommands: [Annotate.self, Evaluate.self, GazetteerCommand.self, Bench.self],
    defaultSubcommand: Annotate.self)

  /// The exit status of a usage error: an unknown option, a bad option value, a failed
  /// `validate()` (ArgumentParser's own is 64, `EX_USAGE`).
  static let usageErrorStatus: Int32 = 2

  /// Parses the command line and runs the command, as ArgumentParser's `main()` does, but
  /// ends every usage error with ``usageErrorStatus``.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(usageErrorStatus)
    }
  }
}
