import ArgumentParser
import Dispatch
import EntityExtraction
import Foundation

/// The `--format` of `annotate`; `SPEC.md` and the README describe each.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case jsonl, conll, brat, html, text
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
        path, or '-', standard input is read. Every input document gets its own output, in \
        input order (one line in jsonl); a document that cannot be read gets an error in \
        the same format ({"id": …, "error": …} in jsonl) and the exit status is 1.

        jsonl: one JSON object per line (SPEC.md). text: a readable listing.

        conll: token<TAB>IOB2-tag lines, a blank line after each sentence, each document \
        opened by '# id = ID' (and '# error = …' if it failed). Tags are one flat layer: \
        names and dates first, then a casualty count only where no other mention is (the \
        outermost of nested counts).

        brat: needs --output-dir. Writes NAME.txt and NAME.ann (standoff, code-point \
        offsets, AnnotatorNotes with normalised values), NAME from the ID, made safe and \
        unique; standard output gets {"id", "txt", "ann"} or {"id", "error"} per document.

        html: one self-contained page, mentions highlighted by type with their values in \
        hover tooltips, and a legend.

        On a terminal, standard error shows a progress line (documents, MB, MB/s, ETA); \
        --quiet turns it off.
        """)

    @OptionGroup var extractorOptions: ExtractorOptions

    @OptionGroup var typesOption: TypesOption

    @Option(
      help: ArgumentHelp(
        "Output format: jsonl, conll, brat, html or text. Default: text on a terminal, jsonl otherwise.",
        valueName: "format"))
    var format: OutputFormat?

    @Option(
      help: ArgumentHelp("Directory for the brat files (--format brat only).", valueName: "dir"))
    var outputDir: String?

    @Flag(
      help: """
        Nothing on standard error: no progress line, no summary of failures (the exit \
        status still tells).
        """)
    var quiet = false

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
      if format == .brat, outputDir == nil {
        throw ValidationError("--format brat writes files: give --output-dir DIR")
      }
      if outputDir != nil, format != .brat {
        throw ValidationError("--output-dir is only used with --format brat")
      }
    }

    func run() throws {
      let extractor = try extractorOptions.makeExtractor(labels: typesOption.labels)
      let outputFormat = format ?? (isatty(STDOUT_FILENO) != 0 ? .text : .jsonl)
      let processor = DocumentProcessor(
        extractor: extractor, defaultReferenceDate: referenceDate.flatMap(CalendarDate.init(parsing:)),
        offsets: offsets, format: outputFormat, includeText: includeText,
        maximumDocumentBytes: maxDocumentMB << 20)
      var reader = InputReader(paths: paths, format: inputFormat, fileExtension: self.extension)
      var writer = OutputWriter(format: outputFormat, outputDirectory: outputDir)
      try writer.bratDirectory?.prepare()
      let progress =
        ProgressLine.isWanted(quiet: quiet) ? ProgressLine(totalBytes: reader.totalByteCount()) : nil
      let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
      let summary = BatchRunner(workers: workers, progress: progress).run(
        reader: &reader, processor: processor, writer: &writer)
      progress?.clear()
      if summary.failed > 0 {
        if quiet { throw ExitCode(1) }
        let noun = summary.documents == 1 ? "document" : "documents"
        FileHandle.standardError.write(
          Data("entities: \(summary.failed) of \(summary.documents) \(noun) could not be annotated\n".utf8))
        throw ExitCode(1)
      }
    }
  }
}

/// Runs documents through a processor on several threads, writing results in input
/// order. Batches are bounded in documents and bytes, and at most three are in memory.
struct BatchRunner {
  var workers: Int
  /// The progress line to advance as documents finish, if one is shown.
  var progress: ProgressLine?
  var maximumBatchDocuments: Int { max(16, workers * 16) }
  let maximumBatchBytes = 64 << 20

  struct Summary {
    var documents = 0
    var failed = 0
  }

  func run(
    reader: inout InputReader, processor: DocumentProcessor, writer: inout OutputWriter
  ) -> Summary {
    var summary = Summary()
    // The progress line shares a terminal with standard output: erase it before writing.
    let sharesTerminal = progress != nil && isatty(STDOUT_FILENO) != 0
    func write(_ bytes: [UInt8]) {
      guard !bytes.isEmpty else { return }
      if sharesTerminal { progress?.clear() }
      FileHandle.standardOutput.write(Data(bytes))
    }
    /// Reads the next batch: bounded in documents and bytes.
    func readBatch() -> [InputDocument] {
      var batch: [InputDocument] = []
      var batchBytes = 0
      while batch.count < maximumBatchDocuments && batchBytes < maximumBatchBytes,
        let document = reader.next()
      {
        batch.append(document)
        batchBytes += document.byteCount
      }
      return batch
    }
    write(writer.header())
    /// Starts the workers on a batch; the group is done when every document is.
    func start(_ batch: [InputDocument]) -> (BatchResults, DispatchGroup) {
      let running = BatchResults(documents: batch)
      let done = DispatchGroup()
      let claims = NextIndex()
      for _ in 0..<max(1, min(workers, batch.count)) {
        DispatchQueue.global().async(group: done) {
          while let index = claims.next(below: running.documents.count) {
            running.store(process(running.documents[index], processor: processor), at: index)
          }
        }
      }
      return (running, done)
    }
    // A pipeline: while the workers annotate one batch, this thread reads the next and
    // writes the previous one's output, so reading and writing never leave the workers
    // idle. At most three batches are in memory: being written, annotated, and read.
    var first = readBatch()
    var pending = first.isEmpty ? nil : start(first)
    first = []
    while let (running, done) = pending {
      let next = readBatch()
      done.wait()
      pending = next.isEmpty ? nil : start(next)
      var results = running.results
      var out: [UInt8] = []
      for index in results.indices {
        out.append(contentsOf: writer.output(for: &results[index]))
        if results[index].failed { summary.failed += 1 }
      }
      summary.documents += results.count
      write(out)
    }
    write(writer.footer(documents: summary.documents, failed: summary.failed))
    return summary
  }

  /// Processes one document and counts it on the progress line.
  private func process(_ document: InputDocument, processor: DocumentProcessor)
    -> ProcessedDocument
  {
    let result = processor.process(document)
    progress?.advance(byteCount: document.inputByteCount)
    return result
  }
}

/// One batch's documents and the slots their results go to. Each worker writes only
/// the slots of the documents it claimed from a ``NextIndex``, and the results are read
/// after every worker has finished (a `DispatchGroup` wait orders the accesses).
private final class BatchResults: @unchecked Sendable {
  let documents: [InputDocument]
  private let slots: UnsafeMutableBufferPointer<ProcessedDocument?>

  init(documents: [InputDocument]) {
    self.documents = documents
    slots = .allocate(capacity: documents.count)
    slots.initialize(repeating: nil)
  }

  deinit {
    _ = slots.deinitialize()
    slots.deallocate()
  }

  func store(_ result: ProcessedDocument, at index: Int) { slots[index] = result }

  var results: [ProcessedDocument] { slots.compactMap { $0 } }
}

/// Hands out 0, 1, 2… to concurrent workers.
private final class NextIndex: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  /// The next index, or `nil` once `limit` is reached.
  func next(below limit: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard value < limit else { return nil }
    value += 1
    return value - 1
  }
}
