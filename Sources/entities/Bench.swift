import ArgumentParser
import Dispatch
import EntityExtraction
import Foundation

extension EntitiesCommand {
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure throughput: MB/s and documents/s, single core and all cores.",
      discussion: """
        Annotates a corpus (text files or directories of *.txt, or a generated news-like \
        corpus when no path is given) several times and reports the best run of each \
        stage, all in one process so the ratios are meaningful: ICU's bare word-boundary \
        walk, the tokenizer, and full extraction, on one core and on all cores. Build \
        with -c release for meaningful figures. The last column divides by CPU time \
        (per core) instead of wall-clock time: on a busy machine it is the steadier one.
        """)

    @OptionGroup var extractorOptions: ExtractorOptions

    @Option(help: "Size of the generated corpus in MB, when no path is given.")
    var generatedMB: Int = 8

    @Option(help: "Runs per stage; the fastest is reported.")
    var repetitions: Int = 5

    @Option(help: "Workers for the all-cores runs (default: all cores).")
    var jobs: Int?

    @Flag(help: "Also time each recognizer alone, on pre-tokenized documents.")
    var perRecognizer = false

    @Option(help: "Write the corpus (generated or read) to this file, one document per line as JSONL {\"id\", \"text\"}, and exit.")
    var writeCorpus: String?

    @Option(help: "Input format of the paths: text (one document per file) or jsonl (one {\"id\", \"text\"} object per line).")
    var inputFormat: InputReader.Format = .text

    @Argument(help: "Text files or directories (or JSONL files with --input-format jsonl); nothing for a generated corpus.")
    var paths: [String] = []

    func validate() throws {
      if generatedMB < 1 { throw ValidationError("--generated-mb must be at least 1") }
      if repetitions < 1 { throw ValidationError("--repetitions must be at least 1") }
      if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// This process's resident memory (`VmRSS` of `/proc/self/status`), in MB.
    static func residentMegabytes() -> Double? {
      guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
      for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first
        return kilobytes.map { $0 / 1024 }
      }
      return nil
    }

    func run() throws {
      let loadStart = DispatchTime.now()
      let extractor = try extractorOptions.makeExtractor()
      let loadSeconds = seconds(since: loadStart)
      let documents = try loadDocuments()
      let bytes = documents.reduce(0) { $0 + $1.utf8.count }
      if let writeCorpus {
        var out: [UInt8] = []
        for (index, document) in documents.enumerated() {
          JSONValue.object([JSONMember("id", .string("doc\(index + 1)")), JSONMember("text", .string(document))]).write(to: &out)
          out.append(UInt8(ascii: "\n"))
        }
        guard FileManager.default.createFile(atPath: writeCorpus, contents: Data(out)) else {
          throw ValidationError("cannot write \(writeCorpus)")
        }
        return
      }
      let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
      let megabytes = Double(bytes) / 1_000_000
      print("corpus: \(documents.count) documents, \(String(format: "%.2f", megabytes)) MB\(paths.isEmpty ? " (generated)" : "")")
      let entryCount = extractor.gazetteerMatcher.entries.count
      print("gazetteers: \(entryCount) entries, vocabulary \(extractor.vocabulary.count), loaded in \(String(format: "%.0f", loadSeconds * 1000)) ms")
      // Resident memory now, before any document: what loading cost.
      let resident = Self.residentMegabytes().map { String(format: "%.0f MB", $0) } ?? "unknown"
      if let file = extractor.compiledGazetteersFile,
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue
      {
        let perEntry = Double(size) / Double(max(entryCount, 1))
        print("compiled file: \(file), \(String(format: "%.1f", Double(size) / 1e6)) MB, \(String(format: "%.0f", perEntry)) bytes per entry; resident after load: \(resident)")
      } else {
        print("compiled in memory (no file); resident after load: \(resident)")
      }
      print(Self.densityLine(extractor: extractor, documents: documents, bytes: bytes))
      print("")
      print("stage                          cores    MB/s     docs/s   time (best of \(repetitions))   CPU MB/s")

      var results: [String: Double] = [:]
      /// Runs `run` `repetitions` times and prints the fastest, by wall-clock time and by
      /// CPU time per core; returns the wall-clock MB/s.
      @discardableResult
      func time(_ name: String, cores: Int, _ run: () -> Void) -> Double {
        var best = Double.infinity
        var bestCPU = Double.infinity
        for _ in 0..<repetitions {
          let start = DispatchTime.now()
          let cpuStart = processCPUSeconds()
          run()
          best = min(best, seconds(since: start))
          bestCPU = min(bestCPU, (processCPUSeconds() - cpuStart) / Double(cores))
        }
        print(
          name.padding(toLength: 31, withPad: " ", startingAt: 0) + String(cores).padding(toLength: 6, withPad: " ", startingAt: 0)
            + String(format: "%8.1f %10.0f   %.3f s %17.1f", megabytes / best, Double(documents.count) / best, best, megabytes / bestCPU))
        return megabytes / best
      }
      func measure(_ name: String, cores: Int, _ work: @escaping @Sendable (String) -> Int) {
        results["\(name)/\(cores)"] = time(name, cores: cores) {
          if cores == 1 {
            var sink = 0
            for document in documents { sink &+= work(document) }
            blackHole(sink)
          } else {
            DispatchQueue.concurrentPerform(iterations: cores) { stripe in
              var sink = 0
              var index = stripe
              while index < documents.count {
                sink &+= work(documents[index])
                index += cores
              }
              blackHole(sink)
            }
          }
        }
      }
      let segmenter = extractor.segmenter
      let vocabulary = extractor.vocabulary
      measure("ICU word boundaries (bare)", cores: 1) { segmenter._countICUWordBoundaries(in: $0) }
      measure("tokenizer", cores: 1) { segmenter.tokens(in: $0, vocabulary: vocabulary).count }
      let matcher = extractor.gazetteerMatcher
      measure("tokenizer + gazetteer matching", cores: 1) { text in
        let document = extractor.tokenize(text)
        var found = 0
        matcher.forEachMatch(in: document) { _, _ in found += 1 }
        return found
      }
      measure("extraction (all recognizers)", cores: 1) { extractor.entities(in: $0).count }
      measure("extraction + JSONL", cores: 1) { document in
        var out: [UInt8] = []
        Entity.writeJSONArray(for: extractor.entities(in: document), in: document, to: &out)
        return out.count
      }
      if workers > 1 {
        measure("extraction (all recognizers)", cores: workers) { extractor.entities(in: $0).count }
      }
      if perRecognizer {
        let tokenized = documents.map { extractor.tokenize($0) }
        for recognizer in extractor.recognizers {
          time("  \(type(of: recognizer)) alone", cores: 1) {
            var buffer: [Entity] = []
            for document in tokenized {
              buffer.removeAll(keepingCapacity: true)
              recognizer.recognize(document, into: &buffer)
            }
            blackHole(buffer)
          }
        }
      }
      print("")
      if let icu = results["ICU word boundaries (bare)/1"], let tokenizer = results["tokenizer/1"],
        let extraction = results["extraction (all recognizers)/1"]
      {
        print(String(format: "tokenizer / bare ICU: %.2f; extraction / bare ICU: %.2f", tokenizer / icu, extraction / icu))
        if let parallel = results["extraction (all recognizers)/\(workers)"], workers > 1 {
          print(String(format: "all cores / one core: %.2fx on %d workers", parallel / extraction, workers))
        }
      }
      var usage = rusage()
      getrusage(RUSAGE_SELF.rawValue, &usage)
      print("peak memory (resident): \(usage.ru_maxrss / 1024) MB")
    }

    /// What the extractor finds in the corpus, per kilobyte and type: how dense in names,
    /// dates and counts the text is, which sets how much work each byte costs. Real agency
    /// news has about 17 mentions per KB; the generated corpus is made to match.
    static func densityLine(extractor: EntityExtractor, documents: [String], bytes: Int) -> String {
      var counts: [EntityLabel: Int] = [:]
      for document in documents {
        for entity in extractor.entities(in: document) { counts[entity.label, default: 0] += 1 }
      }
      let kilobytes = max(Double(bytes) / 1000, 0.001)
      let total = counts.values.reduce(0, +)
      let labels = EntityLabel.builtIn + counts.keys.filter { !EntityLabel.builtIn.contains($0) }.sorted()
      let parts = labels.map { "\($0.rawValue) " + String(format: "%.1f", Double(counts[$0] ?? 0) / kilobytes) }
      return "mentions per KB: " + String(format: "%.1f", Double(total) / kilobytes) + " (" + parts.joined(separator: ", ") + ")"
    }

    private func loadDocuments() throws -> [String] {
      if paths.isEmpty {
        var generator = _SyntheticNews(seed: 2024)
        return generator.corpus(documents: generatedMB * 250, bytes: 4000)
      }
      var reader = InputReader(paths: paths, format: inputFormat, fileExtension: "txt")
      var documents: [String] = []
      var skipped = 0
      while let document = reader.next() {
        switch document.content {
        case .text(let bytes) where UTF8Validation.firstInvalidOffset(in: bytes) == nil:
          documents.append(String(decoding: bytes, as: UTF8.self))
        case .jsonLine(let bytes, _):
          // The "text" of each line; a line that is not such an object is skipped.
          let text = bytes.withUnsafeBufferPointer { buffer in
            (try? JSONValue(parsingUTF8: buffer))?["text"]?.stringValue
          }
          if let text { documents.append(text) } else { skipped += 1 }
        default:
          skipped += 1
        }
      }
      if documents.isEmpty {
        throw ValidationError("no readable UTF-8 text documents in \(paths.joined(separator: ", "))")
      }
      if skipped > 0 {
        FileHandle.standardError.write(Data("bench: skipped \(skipped) unreadable documents\n".utf8))
      }
      return documents
    }

    /// CPU time of the whole process (all threads), user and system: less disturbed
    /// than wall-clock time by other programs on a busy machine.
    private func processCPUSeconds() -> Double {
      var usage = rusage()
      getrusage(RUSAGE_SELF.rawValue, &usage)
      func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
      return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private func seconds(since start: DispatchTime) -> Double {
      Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
  }
}

/// Keeps a value alive so the optimizer cannot remove the work that made it.
@inline(never)
func blackHole<T>(_ value: T) {
  withExtendedLifetime(value) {}
}
