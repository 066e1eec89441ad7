import ArgumentParser
import Dispatch
import EntityExtraction
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case jsonl, text
}

extension OffsetUnit: ExpressibleByArgument {}
extension InputReader.Format: ExpressibleByArgument {}

/// Options shared by the commands that build an extractor.
struct ExtractorOptions: ParsableArguments {
  @Option(
    name: .customLong("gazetteers"),
    help: ArgumentHelp(
      "A directory of extra gazetteer files (*.tsv); repeat for more. Entries add to or replace the bundled ones.",
      valueName: "dir"))
  var gazetteerDirectories: [String] = []

  @Flag(help: "Do not load the bundled gazetteers.")
  var noBundledGazetteers = false

  func makeExtractor(labels: Set<EntityLabel>? = nil) throws -> EntityExtractor {
    var configuration = EntityExtractor.Configuration()
    configuration.includesBundledGazetteers = !noBundledGazetteers
    configuration.gazetteerDirectories = gazetteerDirectories
    configuration.labels = labels
    do {
      return try EntityExtractor(configuration: configuration)
    } catch let error as GazetteerError {
      throw ValidationError(error.description)
    }
  }
}

/// The `--types` option: a comma-separated list of type names.
struct TypesOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Only these types, comma-separated (place,organization,person,nationality,date,casualty).",
      valueName: "types"))
  var types: String?

  func validate() throws {
    if let types {
      for name in types.split(separator: ",", omittingEmptySubsequences: false)
      where !EntityLabel.isValidName(name.trimmingCharacters(in: .whitespaces)) {
        throw ValidationError("'\(name)' is not a type name (expected e.g. place,organization)")
      }
    }
  }

  /// The types as labels, or `nil` for all.
  var labels: Set<EntityLabel>? {
    types.map { Set($0.split(separator: ",").map { EntityLabel(rawValue: $0.trimmingCharacters(in: .whitespaces)) }) }
  }
}

extension EntitiesCommand {
  struct Annotate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Annotate files, directories or standard input.",
      discussion: """
        Directories are searched recursively for *.txt files (see --extension). With no \
        path, or '-', standard input is read. Every input document yields exactly one \
        output line, in input order; a document that cannot be read yields \
        {"id": …, "error": …} and the exit status is 1.
        """)

    @OptionGroup var extractorOptions: ExtractorOptions

    @OptionGroup var typesOption: TypesOption

    @Option(help: "Output format: jsonl or text. Default: text on a terminal, jsonl otherwise.")
    var format: OutputFormat?

    @Option(help: "Input format: text (one document per file) or jsonl (one {\"id\", \"text\"} object per line).")
    var inputFormat: InputReader.Format = .text

    @Option(help: "Publication date (YYYY-MM-DD) for documents that carry no reference_date.")
    var referenceDate: String?

    @Option(help: "Offset unit in the output: scalars (Python str indices), utf8 or utf16.")
    var offsets: OffsetUnit = .unicodeScalars

    @Option(help: "Parallel workers (default: all cores). Output order is input order.")
    var jobs: Int?

    @Option(help: "File extension searched for in directories.")
    var `extension`: String = "txt"

    @Option(help: "Largest document accepted, in MB; larger ones get an error line.")
    var maxDocumentMB: Int = 1024

    @Flag(help: "Copy each document's text into the JSONL output as \"text\".")
    var includeText = false

    @Argument(help: "Files or directories to annotate; '-' or nothing for standard input.")
    var paths: [String] = []

    func validate() throws {
      if let referenceDate, CalendarDate(parsing: referenceDate) == nil {
        throw ValidationError("--reference-date must be a real date written YYYY-MM-DD, not '\(referenceDate)'")
      }
      if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
      if maxDocumentMB < 1 { throw ValidationError("--max-document-mb must be at least 1") }
    }

    func run() throws {
      let extractor = try extractorOptions.makeExtractor(labels: typesOption.labels)
      let outputFormat = format ?? (isatty(STDOUT_FILENO) != 0 ? .text : .jsonl)
      let processor = DocumentProcessor(
        extractor: extractor, defaultReferenceDate: referenceDate.flatMap(CalendarDate.init(parsing:)),
        offsets: offsets, format: outputFormat, includeText: includeText,
        maximumDocumentBytes: maxDocumentMB << 20)
      var reader = InputReader(paths: paths, format: inputFormat, fileExtension: self.extension)
      let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
      let summary = BatchRunner(workers: workers).run(reader: &reader, processor: processor)
      if summary.failed > 0 {
        let noun = summary.documents == 1 ? "document" : "documents"
        FileHandle.standardError.write(
          Data("entities: \(summary.failed) of \(summary.documents) \(noun) could not be annotated\n".utf8))
        throw ExitCode(1)
      }
    }
  }
}

/// Runs documents through a processor on several threads, writing results in input
/// order. At most one batch (bounded in documents and bytes) is in memory at a time.
struct BatchRunner {
  var workers: Int
  var maximumBatchDocuments: Int { max(16, workers * 16) }
  let maximumBatchBytes = 64 << 20

  struct Summary {
    var documents = 0
    var failed = 0
  }

  func run(reader: inout InputReader, processor: DocumentProcessor) -> Summary {
    var summary = Summary()
    var batch: [InputDocument] = []
    var batchBytes = 0
    func flush() {
      guard !batch.isEmpty else { return }
      let results = process(batch, processor: processor)
      var out: [UInt8] = []
      for result in results {
        out.append(contentsOf: result.output)
        if result.failed { summary.failed += 1 }
      }
      summary.documents += results.count
      FileHandle.standardOutput.write(Data(out))
      batch.removeAll(keepingCapacity: true)
      batchBytes = 0
    }
    while let document = reader.next() {
      batch.append(document)
      batchBytes += document.byteCount
      if batch.count >= maximumBatchDocuments || batchBytes >= maximumBatchBytes { flush() }
    }
    flush()
    return summary
  }

  private func process(_ batch: [InputDocument], processor: DocumentProcessor) -> [ProcessedDocument] {
    let stripes = min(workers, batch.count)
    if stripes <= 1 { return batch.map(processor.process) }
    let results = UnsafeMutableBufferPointer<ProcessedDocument?>.allocate(capacity: batch.count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    // Each worker takes every `stripes`-th document; each writes only its own slots.
    nonisolated(unsafe) let slots = results
    DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
      var index = stripe
      while index < batch.count {
        slots[index] = processor.process(batch[index])
        index += stripes
      }
    }
    return results.compactMap { $0 }
  }
}
