import EntityExtraction
import Foundation
import Synchronization
import Testing
import _EntityExtractionTestSupport

/// One extractor shared by many tasks, and the batch helper of `EntityExtractor+Batch.swift`.
///
/// Serialized: the probe tests block worker threads on purpose, and two of them at once
/// could starve each other on a two-core machine.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct ConcurrencyTests {
  static func bundled() throws -> EntityExtractor { try Fixtures.bundledExtractor.get() }

  /// Short news-style samples written for these tests, with and without reference dates.
  static let samples: [Document] = [
    Document(
      id: "quetta",
      text: "QUETTA, Pakistan — At least 12 people were killed and 30 injured when a bomb "
        + "went off near a fruit market in Quetta on Tuesday, police said.",
      referenceDate: CalendarDate(parsing: "2023-10-04")),
    Document(
      id: "sindh",
      text: "Heavy rain flooded villages in Sindh province last week. Three children "
        + "drowned near Hyderabad, officials said on 14 August 2022.",
      referenceDate: CalendarDate(parsing: "2022-08-15")),
    Document(
      id: "kandahar",
      text: "The United Nations said on Monday that about 200 families had fled the "
        + "fighting in Kandahar province since early March."),
    Document(
      id: "balochistan",
      text: "Gunmen abducted two Chinese engineers in Balochistan on Friday. A spokesman "
        + "for the Ministry of Interior said talks with the kidnappers had begun.",
      referenceDate: CalendarDate(parsing: "2021-06-12")),
    Document(
      id: "peshawar",
      text: "Prime Minister Imran Khan visited Peshawar on Sunday and met survivors of the "
        + "attack that left 45 dead and dozens wounded.",
      referenceDate: CalendarDate(parsing: "2019-03-03")),
    Document(
      id: "unicode",
      text: "Aid convoys reached Kandahār and “Helmand” on 3 May\u{00A0}2024 — seven "
        + "drivers were wounded on the road from Kabul. 🚚"),
    Document(id: "plain", text: "Nothing happened here, and nobody was hurt."),
    Document(id: "empty", text: ""),
  ]

  /// `samples[index]` repeated until it is about `bytes` long, as a paragraph per copy.
  static func longDocument(id: String, from index: Int, bytes: Int) -> Document {
    let sample = samples[index]
    let copies = max(1, bytes / max(1, sample.text.utf8.count + 2))
    return Document(
      id: id, text: Array(repeating: sample.text, count: copies).joined(separator: "\n\n"),
      referenceDate: sample.referenceDate)
  }

  /// Documents of very different sizes: long ones (tens of KB) among one-liners, so that
  /// completion order and input order differ when they are processed concurrently.
  static func mixedSizes() -> [Document] {
    var documents: [Document] = []
    for round in 0..<3 {
      documents.append(longDocument(id: "long-\(round)", from: round, bytes: 24_000))
      for (index, sample) in samples.enumerated() {
        var copy = sample
        copy.id = "short-\(round)-\(index)"
        documents.append(copy)
      }
      documents.append(longDocument(id: "medium-\(round)", from: round + 3, bytes: 4_000))
    }
    return documents
  }

  static func sequential(_ documents: [Document], _ extractor: EntityExtractor)
    -> [ExtractedDocument]
  {
    documents.map {
      ExtractedDocument(
        document: $0, entities: extractor.entities(in: $0.text, referenceDate: $0.referenceDate))
    }
  }

  // MARK: - One extractor, many tasks

  @Test func sharedExtractorGivesSequentialResultsFromManyTasks() async throws {
    let extractor = try Self.bundled()
    let expected = Self.sequential(Self.samples, extractor)
    // The samples find something of every label, so every recognizer is exercised.
    let labels = Set(expected.flatMap { $0.entities.map(\.label) })
    #expect(labels.isSuperset(of: [.place, .date, .casualty, .organization, .person]))

    let taskCount = 64
    let documentsPerTask = 6
    let results = await withTaskGroup(of: (Int, [[Entity]]).self) { group in
      for task in 0..<taskCount {
        group.addTask {
          // Each task starts at a different sample, so different documents overlap in time.
          let entities = (0..<documentsPerTask).map { step in
            let document = Self.samples[(task + step) % Self.samples.count]
            return extractor.entities(in: document.text, referenceDate: document.referenceDate)
          }
          return (task, entities)
        }
      }
      var results: [(Int, [[Entity]])] = []
      for await result in group { results.append(result) }
      return results
    }
    #expect(results.count == taskCount)
    for (task, entities) in results {
      for (step, found) in entities.enumerated() {
        let index = (task + step) % Self.samples.count
        #expect(
          found == expected[index].entities, "task \(task), document \(Self.samples[index].id)")
      }
    }
  }

  @Test func sharedExtractorGivesSequentialResultsThroughTheBatchHelper() async throws {
    let extractor = try Self.bundled()
    let documents = (0..<64).flatMap { _ in Self.samples }
    let expected = Self.sequential(documents, extractor)
    var results: [ExtractedDocument] = []
    for await result in extractor.entities(in: documents, maxConcurrency: 8) {
      results.append(result)
    }
    #expect(results == expected)
  }

  // MARK: - Batch helper

  @Test(arguments: [1, 2, 3, 16])
  func batchReturnsResultsInInputOrder(maxConcurrency: Int) async throws {
    let extractor = try Self.bundled()
    let documents = Self.mixedSizes()
    let expected = Self.sequential(documents, extractor)
    var results: [ExtractedDocument] = []
    for await result in extractor.entities(in: documents, maxConcurrency: maxConcurrency) {
      results.append(result)
    }
    #expect(results.map(\.id) == documents.map(\.id))
    #expect(results == expected)
  }

  @Test func asyncInputGivesResultsInInputOrder() async throws {
    let extractor = try Self.bundled()
    let documents = Self.mixedSizes()
    let expected = Self.sequential(documents, extractor)
    let (stream, input) = AsyncStream.makeStream(of: Document.self)
    let producer = Task {
      for document in documents { input.yield(document) }
      input.finish()
    }
    var results: [ExtractedDocument] = []
    // `AsyncStream` never throws, so neither do the results: no `try` needed.
    for await result in extractor.entities(in: stream, maxConcurrency: 3) {
      results.append(result)
    }
    await producer.value
    #expect(results.map(\.id) == documents.map(\.id))
    #expect(results == expected)
  }

  @MainActor @Test func resultsCanBeConsumedOnTheMainActor() async throws {
    let extractor = try Self.bundled()
    // A non-`Sendable` input read on the main actor, the consumer's isolation.
    let counter = PullCounter()
    let documents = CountingSequence(documents: Self.samples, counter: counter)
    var ids: [String] = []
    for await result in extractor.entities(in: documents, maxConcurrency: 3) {
      MainActor.assertIsolated()
      ids.append(result.id)
    }
    #expect(ids == Self.samples.map(\.id))
  }

  @Test func emptyInputGivesNoResults() async throws {
    let extractor = try Self.bundled()
    var count = 0
    for await _ in extractor.entities(in: [Document]()) { count += 1 }
    for await _ in extractor.entities(in: AsyncStream<Document> { $0.finish() }) { count += 1 }
    #expect(count == 0)

    var iterator = extractor.entities(in: [Document](), maxConcurrency: 1).makeAsyncIterator()
    #expect(await iterator.next() == nil)
    #expect(await iterator.next() == nil)  // and stays finished
  }

  @Test func inputErrorComesAfterTheResultsReadBeforeIt() async throws {
    let extractor = try Self.bundled()
    let feed = BrokenFeed(documents: Array(Self.samples.prefix(3)))
    var ids: [String] = []
    var iterator = extractor.entities(in: feed, maxConcurrency: 8).makeAsyncIterator()
    do {
      while let result = try await iterator.next() { ids.append(result.id) }
      Issue.record("the input's error was not thrown")
    } catch {
      #expect(error == BrokenFeed.Failure())  // typed: the error is the input's own type
    }
    #expect(ids == Self.samples.prefix(3).map(\.id))
    #expect(try await iterator.next() == nil)
  }

  @Test func inputIsReadOnlyAsFarAsTheWindowAhead() async throws {
    let extractor = try Self.bundled()
    let maxConcurrency = 3
    let counter = PullCounter()
    let documents = CountingSequence(documents: Self.mixedSizes(), counter: counter)
    #expect(counter.pulled == 0)
    let batch = extractor.entities(in: documents, maxConcurrency: maxConcurrency)
    #expect(counter.pulled == 0)  // nothing is read before the first `next()`

    var returned = 0
    for await _ in batch {
      returned += 1
      // Taken from the input but not yet returned: at most `maxConcurrency`, the one just
      // returned included.
      #expect(counter.pulled - returned <= maxConcurrency - 1)
      #expect(counter.pulled >= returned)
    }
    #expect(returned == documents.documents.count)
    #expect(counter.pulled == documents.documents.count)
  }

  @Test func leavingTheLoopEarlyStopsReadingTheInput() async throws {
    let extractor = try Self.bundled()
    let counter = PullCounter()
    let documents = CountingSequence(documents: Self.mixedSizes(), counter: counter)
    for await result in extractor.entities(in: documents, maxConcurrency: 4) {
      #expect(result.id == "long-0")
      break
    }
    #expect(counter.pulled == 4)
  }

  @Test func cancellingTheConsumerEndsTheIteration() async throws {
    let extractor = try Self.bundled()
    let documents = Array(repeating: Self.samples[0], count: 10_000)
    let consumer = Task {
      var count = 0
      for await _ in extractor.entities(in: documents, maxConcurrency: 2) {
        count += 1
        if count == 3 { withUnsafeCurrentTask { $0?.cancel() } }
      }
      return count
    }
    let count = await consumer.value
    #expect(count == 3)
  }

  // MARK: - Concurrency, proved without timing

  /// A document that starts first but cannot finish until every later one has finished,
  /// which a one-at-a-time batch could never do; its results still come back first.
  @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount >= 2))
  func laterDocumentsFinishWhileAnEarlierOneWaits() async throws {
    let probe = Probe()
    let quick = 5
    let extractor = try extractor(running: [ProbeRecognizer(probe: probe, quickDocuments: quick)])
    let documents =
      [Document(id: "hold", text: "hold until the others are done")]
      + (0..<quick).map { Document(id: "quick-\($0)", text: "quick \($0)") }
    var ids: [String] = []
    for await result in extractor.entities(in: documents, maxConcurrency: quick + 1) {
      ids.append(result.id)
      #expect(result.entities.map(\.label) == ["probe"])
    }
    #expect(ids == documents.map(\.id))
    #expect(probe.gaveUp.load(ordering: .sequentiallyConsistent) == false)
    #expect(probe.finishedQuick.load(ordering: .sequentiallyConsistent) == quick)
    #expect(probe.peak.load(ordering: .sequentiallyConsistent) >= 2)
  }

  @Test func noMoreThanMaxConcurrencyDocumentsRunAtOnce() async throws {
    let probe = Probe()
    let extractor = try extractor(running: [ProbeRecognizer(probe: probe, quickDocuments: 0)])
    let documents = (0..<200).map { Document(id: "\($0)", text: "document \($0)") }
    var count = 0
    for await _ in extractor.entities(in: documents, maxConcurrency: 2) { count += 1 }
    #expect(count == documents.count)
    #expect(probe.peak.load(ordering: .sequentiallyConsistent) <= 2)
  }
}

/// An asynchronous sequence that yields its documents, then throws.
struct BrokenFeed: AsyncSequence, AsyncIteratorProtocol {
  struct Failure: Error, Equatable {}
  var documents: [Document]
  var position = 0

  func makeAsyncIterator() -> BrokenFeed { self }

  mutating func next() async throws(Failure) -> Document? {
    guard position < documents.count else { throw Failure() }
    defer { position += 1 }
    return documents[position]
  }
}

/// How many documents a ``CountingSequence`` has handed out; read on the consumer's task.
final class PullCounter {
  var pulled = 0
}

/// A sequence of documents that counts how many have been read from it.
struct CountingSequence: Sequence {
  let documents: [Document]
  let counter: PullCounter

  func makeIterator() -> Iterator { Iterator(documents: documents, counter: counter) }

  struct Iterator: IteratorProtocol {
    let documents: [Document]
    let counter: PullCounter
    var position = 0

    mutating func next() -> Document? {
      guard position < documents.count else { return nil }
      defer { position += 1 }
      counter.pulled += 1
      return documents[position]
    }
  }
}

/// What a ``ProbeRecognizer`` saw, across threads.
final class Probe: Sendable {
  /// Documents inside `recognize` now.
  let running = Atomic<Int>(0)
  /// The most documents inside `recognize` at once.
  let peak = Atomic<Int>(0)
  /// Quick documents that have finished.
  let finishedQuick = Atomic<Int>(0)
  /// Whether a held document stopped waiting at its safety deadline.
  let gaveUp = Atomic<Bool>(false)
}

/// Records how many documents it is recognizing at once. A document whose text starts
/// with "hold" waits until `quickDocuments` other documents have finished (or, so that a
/// broken batch fails instead of hanging, until a generous deadline); every document gets
/// one `probe` mention covering its text.
struct ProbeRecognizer: Recognizer {
  let probe: Probe
  let quickDocuments: Int
  var labels: Set<EntityLabel> { ["probe"] }

  func recognize(_ document: TokenizedText, into mentions: inout [Entity]) {
    let now = probe.running.add(1, ordering: .sequentiallyConsistent).newValue
    probe.peak.max(now, ordering: .sequentiallyConsistent)
    defer { probe.running.subtract(1, ordering: .sequentiallyConsistent) }
    if document.text.hasPrefix("hold") {
      let deadline = ContinuousClock.now + .seconds(60)
      while probe.finishedQuick.load(ordering: .sequentiallyConsistent) < quickDocuments {
        if ContinuousClock.now > deadline {
          probe.gaveUp.store(true, ordering: .sequentiallyConsistent)
          break
        }
        usleep(200)
      }
    } else {
      // Stay a moment, so that overlapping documents would show in `peak`.
      usleep(500)
      probe.finishedQuick.add(1, ordering: .sequentiallyConsistent)
    }
    mentions.append(
      Entity(utf8Range: 0..<document.text.utf8.count, label: "probe", source: "rule:probe"))
  }
}
