import ArgumentParser
import EntityEvaluation
import EntityExtraction
import Foundation

extension EntitiesCommand {
  struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score predictions (or this tool itself) against gold annotations.",
      discussion: """
        With --gold and --predicted, scores a predictions file (the JSONL output of \
        'entities annotate', scalar offsets) against gold. With --gold alone, annotates the \
        gold texts itself, passing each document's reference_date (a document without one \
        has its relative dates resolved against its own date, unless --no-document-anchor). \
        With --all DIR, scores \
        every *.jsonl corpus in DIR and prints the Markdown tables of the README's Accuracy \
        section. Gold is JSONL (docs/SPEC.md) or CoNLL-2003 columns (IOB1 or IOB2); in CoNLL, \
        '# key = value' comment lines are skipped and '# id = X' names a document, so the \
        output of 'annotate --format conll', corrected by hand, can be gold.

        Strict: same span and type. Partial: overlapping span, same type, each mention used \
        once (greedy: exact first, then larger overlap, then earlier start). Micro sums \
        counts over types, macro averages per-type P, R, F1. Date value accuracy counts \
        matched dates with the gold TIMEX3 value; casualty records compare the multisets \
        of (outcome, min, max) per document, regardless of span.
        """)

    enum GoldFormat: String, ExpressibleByArgument, CaseIterable { case jsonl, conll }

    @Option(help: "Gold annotations: JSONL (docs/SPEC.md) or CoNLL columns.")
    var gold: String?

    @Option(help: "Predictions to score (JSONL from 'entities annotate'). Without it, the gold texts are annotated.")
    var predicted: String?

    @Option(help: "Gold format; by default .conll/.iob/.txt files are CoNLL, others JSONL.")
    var goldFormat: GoldFormat?

    @Option(help: "CoNLL label map, e.g. PER=person,ORG=organization,LOC=place.")
    var map: String = "PER=person,ORG=organization,LOC=place,GPE=place,MISC=misc"

    @Option(help: "Score only these types, on both sides, comma-separated (default: the six types of docs/SPEC.md present in the gold).")
    var types: String?

    @Option(help: "List up to N false positives and misses per type and kind of error.")
    var showErrors: Int?

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    @Option(help: "Score every *.jsonl corpus in this directory and print Markdown tables.")
    var all: String?

    @OptionGroup var extractorOptions: ExtractorOptions

    @OptionGroup var dateAnchorOption: DateAnchorOption

    func validate() throws {
      if gold == nil && all == nil { throw ValidationError("Give --gold FILE (or --all DIR).") }
      if gold != nil && all != nil { throw ValidationError("Give either --gold or --all, not both.") }
      if predicted != nil && all != nil { throw ValidationError("--predicted goes with --gold, not --all.") }
      if types != nil && all != nil { throw ValidationError("--types goes with --gold, not --all.") }
      if let showErrors, showErrors < 0 { throw ValidationError("--show-errors must be 0 or more.") }
      for pair in map.split(separator: ",") where !pair.contains("=") {
        throw ValidationError("--map entries are LABEL=type, not '\(pair)'.")
      }
      if let typeNames, typeNames.isEmpty {
        throw ValidationError("--types: give at least one type, e.g. --types place,date")
      }
    }

    /// The names of `--types`, trimmed, empty ones dropped; `nil` without the option.
    private var typeNames: [String]? {
      types.map { list in
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      }
    }

    /// Rejects a `--types` name that is not a type of `docs/SPEC.md`, of the `--map`, or of the
    /// documents on either side (a gold file may have types of its own).
    private func checkTypes(gold: [AnnotatedDocument], predicted: [AnnotatedDocument]) throws {
      guard let typeNames else { return }
      var known = Evaluator.specTypes
      let extra = Set(
        map.split(separator: ",").compactMap { $0.split(separator: "=", maxSplits: 1).last.map(String.init) }
          + (gold + predicted).flatMap { $0.entities.map(\.type) }
      ).subtracting(known)
      known += extra.sorted()
      for name in typeNames where !known.contains(name) {
        throw EvaluationFailure(
          "--types: '\(name)' is not a type of these documents; the types are \(known.joined(separator: ", "))")
      }
    }

    func run() throws {
      do {
        try runUnchecked()
      } catch let failure as EvaluationFailure {
        FileHandle.standardError.write(Data("Error: \(failure.description)\n".utf8))
        throw ExitCode(2)
      }
    }

    private func runUnchecked() throws {
      if let all {
        try runAll(directory: all)
        return
      }
      guard let gold else { return }
      let goldDocuments = try readGold(gold)
      let predictedDocuments: [AnnotatedDocument]
      if let predicted {
        let bytes = try readBytes(predicted)
        predictedDocuments = try check { () throws(EvaluationError) in
          try AnnotatedDocument.readJSONL(bytes, sourceName: predicted)
        }
        try checkTypes(gold: goldDocuments, predicted: predictedDocuments)
      } else {
        // Checked before annotating, the long part: against the SPEC's, the map's and the
        // gold's types.
        try checkTypes(gold: goldDocuments, predicted: [])
        let extractor = try extractorOptions.makeExtractor(dates: dateAnchorOption)
        predictedDocuments = Evaluator.annotate(goldDocuments, with: extractor)
      }
      let evaluator = Evaluator(types: typeNames)
      let report = try check { () throws(EvaluationError) in
        try evaluator.evaluate(gold: goldDocuments, predicted: predictedDocuments)
      }
      if json {
        print(report.json().jsonText)
      } else {
        print(report.table(), terminator: "")
      }
      if let showErrors, showErrors > 0 {
        print(report.errorListing(limit: showErrors))
      }
    }

    private func runAll(directory: String) throws {
      let files: [String]
      do {
        files = try FileManager.default.contentsOfDirectory(atPath: directory)
          .filter { $0.hasSuffix(".jsonl") }.sorted()
      } catch {
        throw ValidationError("\(directory): cannot list directory")
      }
      if files.isEmpty { throw ValidationError("\(directory): no *.jsonl corpus found") }
      let extractor = try extractorOptions.makeExtractor(dates: dateAnchorOption)
      var out = "Measured at commit \(Self.commitDescription()) with `swift run -c release entities evaluate --all \(directory)`.\n"
      var jsonReports: [JSONMember] = []
      for file in files {
        let path = (directory as NSString).appendingPathComponent(file)
        let goldDocuments = try readGold(path)
        let report = try check { () throws(EvaluationError) in
          try Evaluator().evaluate(gold: goldDocuments, predicted: Evaluator.annotate(goldDocuments, with: extractor))
        }
        out += "\n" + report.markdown(title: "\(file) (\(report.documents) documents)")
        jsonReports.append(JSONMember(file, report.json()))
      }
      print(json ? JSONValue.object(jsonReports).jsonText : out, terminator: json ? "\n" : "")
    }

    private func readGold(_ path: String) throws -> [AnnotatedDocument] {
      let bytes = try readBytes(path)
      let format = goldFormat ?? ([".conll", ".iob", ".txt", ".tsv"].contains { path.hasSuffix($0) } ? .conll : .jsonl)
      let labelMap = Dictionary(
        map.split(separator: ",").compactMap { pair -> (String, String)? in
          let parts = pair.split(separator: "=", maxSplits: 1)
          return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }, uniquingKeysWith: { _, last in last })
      return try check { () throws(EvaluationError) in
        switch format {
        case .jsonl: return try AnnotatedDocument.readJSONL(bytes, sourceName: path)
        case .conll: return try AnnotatedDocument.readCoNLL(bytes, sourceName: path, labelMap: labelMap)
        }
      }
    }

    private func readBytes(_ path: String) throws -> [UInt8] {
      do {
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
      } catch {
        throw EvaluationFailure("\(path): \(describe(error, path: path))")
      }
    }

    /// Runs `body`, turning an evaluation error into a message and exit status 2.
    private func check<T>(_ body: () throws(EvaluationError) -> T) throws -> T {
      do {
        return try body()
      } catch {
        throw EvaluationFailure(error.description)
      }
    }

    /// The short commit hash of the working tree, with "-dirty" when it has changes.
    static func commitDescription() -> String {
      func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      }
      guard let hash = git(["rev-parse", "--short", "HEAD"]) else { return "unknown" }
      let dirty = git(["status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
      return dirty ? hash + "-dirty" : hash
    }
  }
}

/// An error that ends `evaluate` with status 2 and a message on standard error.
struct EvaluationFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
