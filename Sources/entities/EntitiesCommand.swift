import ArgumentParser

@main
struct EntitiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entities",
    abstract: "Find places, organizations, people, nationalities, dates and casualty counts in English news.",
    discussion: """
      Rule-based and fast: ICU tokenization, gazetteers and rules. See SPEC.md for the \
      output format and Gazetteers/FORMAT.md for the gazetteer files.
      """,
    subcommands: [Annotate.self, Evaluate.self, GazetteerCommand.self, Bench.self],
    defaultSubcommand: Annotate.self)
}
