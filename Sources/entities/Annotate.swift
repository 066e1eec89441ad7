import ArgumentParser
import Dispatch
import EntityExtraction
import Foundation

/// The `--format` of `annotate`; `docs/SPEC.md` and the README describe each.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case jsonl, conll, brat, html, text, incidents
  case incidentsCSV = "incidents-csv"

  /// Whether the format lists casualty records rather than mentions.
  var listsIncidents: Bool { self == .incidents || self == .incidentsCSV }
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

  @Option(
    name: .customLong("compiled"),
    help: ArgumentHelp(
      "A file written by 'entities gazetteer compile' from the same gazetteers (bundled, --gazetteers), used instead of the cache. A file compiled from other gazetteers is an error.",
      valueName: "file"))
  var compiledGazetteers: String?

  /// The extractor these options describe; `dates` is the command's
  /// `--no-document-anchor` flag, for the commands that have it.
  func makeExtractor(
    labels: Set<EntityLabel>? = nil, dates: DateAnchorOption? = nil
  ) throws -> EntityExtractor {
    var configuration = EntityExtractor.Configuration()
    configuration.includesBundledGazetteers = !noBundledGazetteers
    configuration.gazetteerDirectories = gazetteerDirectories
    configuration.compiledGazetteers = compiledGazetteers
    configuration.labels = labels
    configuration.anchorsToDocumentDate = !(dates?.noDocumentAnchor ?? false)
    do {
      return try EntityExtractor(configuration: configuration)
    } catch let error as GazetteerError {
      throw ValidationError(error.description)
    }
  }
}

/// The `--no-document-anchor` flag of the commands that annotate.
struct DateAnchorOption: ParsableArguments {
  @Flag(
    help: """
      Leave relative dates of a document without a reference date unresolved (XXXX-WXX-2), \
      rather than resolve them against the date the document gives for itself (its \
      dateline, else the first full date of its first paragraph).
      """)
  var noDocumentAnchor = false
}

/// The `--types` option: a comma-separated list of type names.
struct TypesOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Only these types, comma-separated (place,organization,person,nationality,date,casualty, or a type of a --gazetteers file).",
      valueName: "types"))
  var types: String?

  /// The names given, trimmed, or `nil` without the option.
  var names: [String]? {
    types.map { list in
      list.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
    }
  }

  /// Rejects a name that cannot be a type: empty, or not `[a-z][a-z0-9_]*`.
  func validate() throws {
    for name in names ?? [] where !EntityLabel.isValidName(name) {
      throw ValidationError(Self.unknownTypeMessage(name))
    }
  }

  /// Rejects a name that is neither a built-in type nor one that `extractor` can produce
  /// (a type of a `--gazetteers` file or of a recognizer).
  func check(against extractor: EntityExtractor) throws {
    let producible = Set(EntityLabel.builtIn).union(extractor.recognizers.flatMap(\.labels))
    for name in names ?? [] where !producible.contains(EntityLabel(rawValue: name)) {
      throw ValidationError(Self.unknownTypeMessage(name))
    }
  }

  /// The error for a bad name: it, and the names that would do.
  static func unknownTypeMessage(_ name: String) -> String {
    let known = EntityLabel.builtIn.map(\.rawValue).joined(separator: ", ")
    return "--types: '\(name)' is not a type; the types are \(known), and those of --gazetteers files"
  }

  /// The types as labels, or `nil` for all.
  var labels: Set<EntityLabel>? {
    names.map { Set($0.map(EntityLabel.init(rawValue:))) }
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

        jsonl: one JSON object per line (docs/SPEC.md).

        conll: token<TAB>IOB2-tag lines, a blank line after each sentence, each document \
        opened by '# id = ID' (and '# error = …' if it failed). Tags are one flat layer: \
        names and dates first, then a casualty count only where no other mention is (the \
        outermost of nested counts).

        brat: needs --output-dir. Writes NAME.txt and NAME.ann (standoff, code-point \
        offsets, AnnotatorNotes with normalised values), NAME from the ID, made safe and \
        unique; standard output gets {"id", "txt", "ann"} or {"id", "error"} per document.

        html: one self-contained page, mentions highlighted by type with their values in \
        hover tooltips, and a legend.

        text: a line per mention with its type, text, offsets, confidence and normalised \
        value, coloured by type on a terminal (see --color; NO_COLOR=1 also turns colour \
        off). A casualty count's value ends with its place, date and perpetrator when the \
        text ties them to it ("· at Musakhel · on 2024-08-26 · by Balochistan Liberation Army").

        incidents: one JSON object per casualty count (a document without one writes \
        nothing): id (or line, for a JSONL line without an id), sentence (the count's \
        sentence), text, start, end (the count's offsets, in --offsets units), outcome, \
        min, max (null: open), approximate, victims, group, place (null, or name, id, \
        country, admin1, lat, lon of the place where the harm happened), date (null, or the \
        TIMEX3 value of the day it happened), perpetrator (null, or name and id of the named \
        organization that did or claimed it), rule (the rule that found the count) and \
        confidence. A document that fails gives {"id", "error"}.

        incidents-csv: the same as CSV (RFC 4180 quoting, one header row): id, line, \
        sentence, text, start, end, outcome, min, max, approximate, victims, group, \
        place_name, place_id, place_country, place_admin1, place_lat, place_lon, date, \
        perpetrator, perpetrator_id, rule, confidence, error (set only on the row of a \
        document that failed). Empty cells are null values.

        On a terminal, standard error shows a progress line (documents, MB, MB/s, ETA); \
        --quiet turns it off.

        A bad option value (an unknown --types name, a --reference-date that is not a date, \
        a --format, --input-format, --offsets or --color that does not exist) is refused \
        with exit status 2, before anything is read.
        """)

    @OptionGroup var extractorOptions: ExtractorOptions

    @OptionGroup var typesOption: TypesOption

    @OptionGroup var dateAnchorOption: DateAnchorOption

    @Option(
      help: ArgumentHelp(
        "Output format: jsonl, conll, brat, html, text, incidents or incidents-csv. Default: text on a terminal, jsonl otherwise.",
        valueName: "format"))
    var format: OutputFormat?

    @Option(
      name: .customLong("color"),
      help: ArgumentHelp(
        "Colour the text listing by type: auto (on a terminal, unless NO_COLOR is set or TERM is dumb), always or never.",
        valueName: "when"))
    var colour: ColourChoice = .auto

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

    @Option(help: "Largest document accepted, in MB; larger ones, and JSONL lines longer than that by more than 64 KB, get an error line without being annotated. A document longer than 4 MB is annotated in overlapping windows, so memory grows with its text and output, not with the work on it.")
    var maxDocumentMB: Int = 64

    @Flag(help: "Copy each document's text into the JSONL output as \"text\".")
    var includeText = false

    @Argument(help: "Files or directories to annotate; '-' or nothing for standard input.")
    var paths: [String] = []

    func validate() throws {
      if let referenceDate, CalendarDate(parsing: referenceDate) == nil {
        throw ValidationError(
          "--reference-date: '\(referenceDate)' is not a date; write a real calendar date as YYYY-MM-DD, e.g. 2024-03-05")
      }
      if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
      if maxDocumentMB < 1 { throw ValidationError("--max-document-mb must be at least 1") }
      if format == .brat, outputDir == nil {
        throw ValidationError("--format brat writes files: give --output-dir DIR")
      }
      if outputDir != nil, format != .brat {
        throw ValidationError("--output-dir is only used with --format brat")
      }
      if format?.listsIncidents ?? false, typesOption.types != nil {
        throw ValidationError(
          "--format \(format?.rawValue ?? ""): lists casualty counts with their places, dates and organizations; --types does not apply")
      }
    }

    func run() throws {
      let extractor = try extractorOptions.makeExtractor(labels: typesOption.labels, dates: dateAnchorOption)
      keepUntilExit(extractor)
      try typesOption.check(against: extractor)
      let toTerminal = isatty(STDOUT_FILENO) != 0
      let outputFormat = format ?? (toTerminal ? .text : .jsonl)
      let processor = DocumentProcessor(
        extractor: extractor, defaultReferenceDate: referenceDate.flatMap(CalendarDate.init(parsing:)),
        offsets: offsets, format: outputFormat, includeText: includeText,
        maximumDocumentBytes: maxDocumentMB << 20,
        textListing: TextListing(
          colours: colour.coloursOutput(
            toTerminal: toTerminal, environment: ProcessInfo.processInfo.environment)))
      var reader = InputReader(
        paths: paths, format: inputFormat, fileExtension: self.extension,
        maximumDocumentBytes: maxDocumentMB << 20)
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
/// order, as a stream: this thread reads, `workers` threads annotate, and one thread
/// writes each result as soon as every earlier one is written. Documents read but not
/// yet written are bounded in number and in bytes, so memory stays flat however large
/// the input, and no worker waits for a slow document of a batch.
struct BatchRunner {
  var workers: Int
  /// The progress line to advance as documents finish, if one is shown.
  var progress: ProgressLine?
  /// At most this many documents are read and not yet written.
  var maximumDocumentsInFlight: Int { max(16, workers * 16) }
  /// At most this many bytes of input are read and not yet written (beyond one document).
  let maximumBytesInFlight = 128 << 20
  /// A document's output at least this long is written on its own, not gathered with
  /// the others' into one write.
  static let largeOutputBytes = 1 << 20

  struct Summary {
    var documents = 0
    var failed = 0
  }

  func run(
    reader: inout InputReader, processor: DocumentProcessor, writer: inout OutputWriter
  ) -> Summary {
    // The progress line shares a terminal with standard output: erase it before writing.
    let sharesTerminal = progress != nil && isatty(STDOUT_FILENO) != 0
    let progress = self.progress
    let standardOutput = OrderedOutput(clearing: sharesTerminal ? progress : nil)
    standardOutput.write([writer.header()])
    let pipeline = Pipeline(maximumDocuments: maximumDocumentsInFlight, maximumBytes: maximumBytesInFlight)
    // Dedicated threads: they block on the pipeline's condition, which Dispatch's
    // pool, sized to the cores, does not know about.
    let finished = DispatchGroup()
    func spawn(_ body: @escaping @Sendable () -> Void) {
      finished.enter()
      let thread = Thread {
        body()
        finished.leave()
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    for _ in 0..<max(1, workers) {
      spawn {
        while let (index, taken) = pipeline.nextToProcess() {
          var document = taken
          let inputBytes = document.inputByteCount
          // The pieces of a long JSONL line go out as they are made once every earlier
          // document is written, rather than wait in memory for the whole line.
          let result = processor.process(&document) { pieces in
            standardOutput.writeIfNext(index, &pieces)
          }
          progress?.advance(byteCount: inputBytes)
          pipeline.finish(index, result)
        }
      }
    }
    nonisolated(unsafe) var input = reader
    spawn {
      while let document = input.next() {
        pipeline.add(document, bytes: document.byteCount)
      }
      pipeline.close()
    }
    // This thread writes: results in input order, each as soon as it and all before it
    // are done.
    var summary = Summary()
    // Each wake-up writes every result that is ready, in one call (long outputs apart).
    var output: [UInt8] = []
    var pieces: [[UInt8]] = []
    while case let results = pipeline.nextToWrite(limit: 256), !results.isEmpty {
      output.removeAll(keepingCapacity: true)
      pieces.removeAll(keepingCapacity: true)
      for var result in results {
        if result.failed { summary.failed += 1 }
        summary.documents += 1
        let bytes = writer.output(for: &result)
        if result.continuation.isEmpty && bytes.count < BatchRunner.largeOutputBytes {
          output.append(contentsOf: bytes)
          continue
        }
        // A long output is written where it is, not copied into the batch's.
        pieces.append(output)
        output = []
        pieces.append(bytes)
        pieces.append(contentsOf: result.continuation)
      }
      pieces.append(output)
      standardOutput.write(pieces, documents: results.count)
    }
    finished.wait()
    standardOutput.write([writer.footer(documents: summary.documents, failed: summary.failed)])
    return summary
  }
}

/// The shared state of ``BatchRunner``: documents waiting for a worker, results waiting
/// for their turn to be written, and the bound on what is in flight.
///
/// One mutex and a condition per kind of waiter (workers, the writer, the reader), each
/// signalled only when a thread of that kind is waiting and has enough to do: the
/// writer when ``writeBatch`` results are ready in order or no document is left to
/// start (so a lone document on a pipe is answered at once), the reader when half the
/// window is free. With one condition broadcast on every event, each document woke
/// every thread, and the context switches cost a tenth of a one-worker run.
private final class Pipeline: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  /// Workers wait here for a document.
  private let workReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  /// The writer waits here for the next result in input order.
  private let resultReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  /// The reader waits here for room in flight.
  private let roomFreed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var idleWorkers = 0
  private var writerWaits = false
  private var readerWaits = false

  private var waiting: [(index: Int, document: InputDocument)] = []
  private var waitingStart = 0
  private var done: [Int: ProcessedDocument] = [:]
  private var read = 0
  private var nextWritten = 0
  private var bytesInFlight = 0
  private var sizes: [Int: Int] = [:]
  private var closed = false
  private let maximumDocuments: Int
  private let maximumBytes: Int
  /// Results the writer is woken for, unless no document is left to start.
  private let writeBatch: Int

  init(maximumDocuments: Int, maximumBytes: Int) {
    self.maximumDocuments = maximumDocuments
    self.maximumBytes = maximumBytes
    writeBatch = max(1, min(8, maximumDocuments / 2))
    pthread_mutex_init(mutex, nil)
    for condition in [workReady, resultReady, roomFreed] { pthread_cond_init(condition, nil) }
  }

  deinit {
    for condition in [workReady, resultReady, roomFreed] {
      pthread_cond_destroy(condition)
      condition.deallocate()
    }
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// Queues a document; blocks while too many documents or bytes are in flight.
  func add(_ document: InputDocument, bytes: Int) {
    pthread_mutex_lock(mutex)
    while read - nextWritten >= maximumDocuments
      || (read > nextWritten && bytesInFlight + bytes > maximumBytes)
    {
      readerWaits = true
      pthread_cond_wait(roomFreed, mutex)
    }
    readerWaits = false
    waiting.append((read, document))
    sizes[read] = bytes
    bytesInFlight += bytes
    read += 1
    if idleWorkers > 0 { pthread_cond_signal(workReady) }
    pthread_mutex_unlock(mutex)
  }

  /// No more documents will be added.
  func close() {
    pthread_mutex_lock(mutex)
    closed = true
    pthread_cond_broadcast(workReady)
    pthread_cond_signal(resultReady)
    pthread_mutex_unlock(mutex)
  }

  /// The next document for a worker, with its input index; `nil` when all are taken.
  func nextToProcess() -> (Int, InputDocument)? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while waitingStart == waiting.count && !closed {
      idleWorkers += 1
      pthread_cond_wait(workReady, mutex)
      idleWorkers -= 1
    }
    guard waitingStart < waiting.count else { return nil }
    let next = waiting[waitingStart]
    // The worker holds the document now; the queue lets go of its bytes.
    waiting[waitingStart].document.content = .unreadable("taken")
    waitingStart += 1
    if waitingStart > 1024 && waitingStart * 2 > waiting.count {
      waiting.removeFirst(waitingStart)
      waitingStart = 0
    }
    return next
  }

  /// Hands in a worker's result.
  func finish(_ index: Int, _ result: ProcessedDocument) {
    pthread_mutex_lock(mutex)
    done[index] = result
    if writerWaits && done[nextWritten] != nil
      && (waitingStart == waiting.count || closed || readyRun() >= writeBatch)
    {
      pthread_cond_signal(resultReady)
    }
    pthread_mutex_unlock(mutex)
  }

  /// The next results in input order, as many as are ready (at least one, at most
  /// `limit`); empty when every document has been written.
  func nextToWrite(limit: Int) -> [ProcessedDocument] {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while done[nextWritten] == nil && !(closed && nextWritten == read) {
      writerWaits = true
      pthread_cond_wait(resultReady, mutex)
    }
    writerWaits = false
    var results: [ProcessedDocument] = []
    while results.count < limit, let result = done.removeValue(forKey: nextWritten) {
      results.append(result)
      bytesInFlight -= sizes.removeValue(forKey: nextWritten) ?? 0
      nextWritten += 1
    }
    if readerWaits
      && (read - nextWritten <= maximumDocuments / 2 || bytesInFlight <= maximumBytes / 2)
    {
      pthread_cond_signal(roomFreed)
    }
    return results
  }

  /// How many results are ready in order from the next to write, up to ``writeBatch``.
  private func readyRun() -> Int {
    var count = 0
    while count < writeBatch && done[nextWritten + count] != nil { count += 1 }
    return count
  }
}

/// Keeps `value` alive until the process exits, never freeing it: the process ends
/// right after the command, and taking apart an extractor's 300,000 gazetteer entries
/// and tables one allocation at a time costs tens of milliseconds that the operating
/// system's teardown of the whole address space does for nothing.
func keepUntilExit<Value>(_ value: Value) {
  _ = Unmanaged.passRetained(KeptValue(value))
}

/// The box ``keepUntilExit(_:)`` retains once and never releases.
private final class KeptValue<Value> {
  let value: Value
  init(_ value: Value) { self.value = value }
}
