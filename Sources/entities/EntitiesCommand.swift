import ArgumentParser

@main
struct EntitiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entities",
    abstract: "Find places, organizations, people, nationalities, dates and casualty counts in English news.",
    discussion: """
      Rule-based and fast: ICU tokenization, gazetteers and rules. In the source repository, \
      docs/SPEC.md describes the commands, input and output formats, docs/ANNOTATION.md what \
      each type covers, and Gazetteers/FORMAT.md the gazetteer files.
      """,
    subcommands: [Annotate.self, Evaluate.self, GazetteerCommand.self, Bench.self],
    defaultSubcommand: Annotate.self)
}
