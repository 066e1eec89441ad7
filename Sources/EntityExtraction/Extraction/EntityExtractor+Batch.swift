// Batch extraction: many documents through one shared extractor, concurrently, with the
// results delivered as an `AsyncSequence` in input order. Each document is extracted by
// its own unstructured task; a FIFO of those tasks, owned by the iterator and touched
// only from the consumer's isolation, bounds the work in flight. No locks: the only state
// the tasks share is the immutable, `Sendable` extractor.
#if canImport(FoundationEssentials)
  import FoundationEssentials  // ProcessInfo, for the default concurrency only
#else
  import Foundation
#endif

/// A document to extract entities from as part of a batch.
///
/// The identifier is yours: it is handed back unchanged with the document's entities, so
/// that results can be matched to their source (a file name, a database key, a URL).
///
///     let document = Document(
///       id: "2024-03-26-quetta.txt", text: "Floods hit Quetta on Tuesday.",
///       referenceDate: CalendarDate(parsing: "2024-03-26"))
public struct Document: Hashable, Sendable {
  /// An identifier chosen by the caller, returned with the document's entities.
  public var id: String
  /// The document's text.
  public var text: String
  /// The publication date, for resolving relative dates ("on Tuesday", "last week").
  public var referenceDate: CalendarDate?

  /// Creates a document.
  ///
  /// - Parameters:
  ///   - id: An identifier chosen by the caller, returned with the results.
  ///   - text: The document's text.
  ///   - referenceDate: The publication date, for resolving relative dates; `nil` leaves
  ///     the parts that depend on it unknown (`XXXX-03-26`).
  public init(id: String, text: String, referenceDate: CalendarDate? = nil) {
    self.id = id
    self.text = text
    self.referenceDate = referenceDate
  }
}

/// The entity mentions found in one document of a batch.
///
/// The mentions are exactly what ``EntityExtractor/entities(in:referenceDate:)`` returns
/// for the document's text and reference date: UTF-8 byte offsets into
/// `document.text`, half-open, ordered by start offset.
public struct ExtractedDocument: Hashable, Sendable {
  /// The document the mentions were found in, as it was given.
  public var document: Document
  /// The mentions, ordered by start offset.
  public var entities: [Entity]

  /// The document's identifier, `document.id`.
  public var id: String { document.id }

  /// Pairs a document with its mentions.
  public init(document: Document, entities: [Entity]) {
    self.document = document
    self.entities = entities
  }
}

@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
extension EntityExtractor {
  /// The default bound on documents in flight in a batch: the number of active
  /// processors, as `ProcessInfo` reports it (at least 1).
  public static var defaultMaxConcurrency: Int {
    max(1, ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Extracts the entities of many documents concurrently, delivering the results in
  /// input order.
  ///
  /// Each document is extracted on the global concurrent executor by its own task, so up
  /// to `maxConcurrency` documents are processed in parallel, all sharing this extractor
  /// (it is immutable and takes no locks). Results come back in the order of
  /// `documents`, whatever order they finish in: a long document holds back the short
  /// ones after it, but does not stop them from being processed meanwhile.
  ///
  ///     let extractor = try EntityExtractor()
  ///     let documents = articles.lazy.map { Document(id: $0.url, text: $0.body) }
  ///     for await result in extractor.entities(in: documents, maxConcurrency: 4) {
  ///       print(result.id, result.entities.count)
  ///     }
  ///
  /// The input is read lazily, on the consumer's task, as results are requested: at any
  /// moment at most `maxConcurrency` documents have been taken from `documents` and not
  /// yet returned (back-pressure), so a lazy sequence over a large folder is never read
  /// far ahead of the consumer. Nothing happens until the first `next()`.
  ///
  /// When the consuming task is cancelled, or the iterator is dropped early (a `break`
  /// out of the loop), documents not yet started are skipped, the ones already being
  /// extracted finish in the background and are discarded, and iteration ends with `nil`.
  ///
  /// - Parameters:
  ///   - documents: The documents, read once, in order.
  ///   - maxConcurrency: The most documents in flight (taken from `documents` but not yet
  ///     returned) at once. Defaults to ``defaultMaxConcurrency``; 1 processes the
  ///     documents one by one, off the consumer's task.
  /// - Returns: An asynchronous sequence with one ``ExtractedDocument`` per input
  ///   document, in input order. Iterate it once.
  /// - Precondition: `maxConcurrency` is at least 1.
  /// - Complexity: Each document costs what ``entities(in:referenceDate:)`` costs, plus
  ///   O(1) amortized bookkeeping and one task.
  public func entities<Documents: Sequence<Document>>(
    in documents: Documents, maxConcurrency: Int = EntityExtractor.defaultMaxConcurrency
  ) -> BatchExtraction<Documents> {
    precondition(maxConcurrency >= 1, "maxConcurrency must be at least 1")
    return BatchExtraction(extractor: self, base: documents, maxConcurrency: maxConcurrency)
  }

  /// Extracts the entities of an asynchronous sequence of documents concurrently,
  /// delivering the results in input order.
  ///
  /// Behaves as the overload for a synchronous `Sequence` does: the input is read as results are requested, at most
  /// `maxConcurrency` documents are in flight, and results keep the input's order.
  ///
  ///     let (documents, input) = AsyncStream.makeStream(of: Document.self)
  ///     // … a producer task calls input.yield(document) for each one, then input.finish()
  ///     for await result in extractor.entities(in: documents) {
  ///       print(result.id, result.entities.count)
  ///     }
  ///
  /// The iterator fills its window of `maxConcurrency` documents before it waits for the
  /// oldest, so with a slow input the first result waits for the window to fill (or the
  /// input to end).
  ///
  /// If the input throws, the results of the documents read before the error are
  /// delivered first; then the error is thrown and iteration ends.
  ///
  /// - Parameters:
  ///   - documents: The documents, read once, in order.
  ///   - maxConcurrency: The most documents in flight (taken from `documents` but not yet
  ///     returned) at once. Defaults to ``defaultMaxConcurrency``.
  /// - Returns: An asynchronous sequence with one ``ExtractedDocument`` per input
  ///   document, in input order, that throws what `documents` throws. Iterate it once.
  /// - Precondition: `maxConcurrency` is at least 1.
  /// - Complexity: Each document costs what ``entities(in:referenceDate:)`` costs, plus
  ///   O(1) amortized bookkeeping and one task.
  public func entities<Documents: AsyncSequence>(
    in documents: Documents, maxConcurrency: Int = EntityExtractor.defaultMaxConcurrency
  ) -> AsyncBatchExtraction<Documents> where Documents.Element == Document {
    precondition(maxConcurrency >= 1, "maxConcurrency must be at least 1")
    return AsyncBatchExtraction(extractor: self, base: documents, maxConcurrency: maxConcurrency)
  }

  /// The results of extracting a synchronous sequence of documents concurrently, in
  /// input order.
  ///
  /// Made by `EntityExtractor.entities(in:maxConcurrency:)` from a `Sequence`; see there
  /// for the ordering, back-pressure and cancellation guarantees. Never throws.
  public struct BatchExtraction<Base: Sequence<Document>>: AsyncSequence {
    /// One document's results.
    public typealias Element = ExtractedDocument

    let extractor: EntityExtractor
    let base: Base
    let maxConcurrency: Int

    /// Starts reading the documents.
    public func makeAsyncIterator() -> Iterator {
      Iterator(
        base: base.makeIterator(),
        window: ExtractionWindow(extractor: extractor, capacity: maxConcurrency))
    }

    /// Reads documents, starts their extraction, and returns their results in order.
    ///
    /// Use one iterator from one task; it is not `Sendable`.
    public struct Iterator: AsyncIteratorProtocol {
      var base: Base.Iterator
      let window: ExtractionWindow
      var inputEnded = false

      /// Returns the next document's results, in input order, or `nil` after the last
      /// document or once the consuming task is cancelled.
      ///
      /// - Parameter actor: The caller's isolation; the input is read there.
      public mutating func next(
        isolation actor: isolated (any Actor)? = #isolation
      ) async -> ExtractedDocument? {
        guard !window.isFinished else { return nil }
        if Task.isCancelled {
          window.finish()
          return nil
        }
        while !inputEnded && !window.isFull {
          if let document = base.next() {
            window.start(document)
          } else {
            inputEnded = true
          }
        }
        return await window.takeOldest()
      }

      /// Returns the next document's results, in input order, or `nil` after the last
      /// document or once the consuming task is cancelled.
      public mutating func next() async -> ExtractedDocument? {
        await next(isolation: nil)
      }
    }
  }

  /// The results of extracting an asynchronous sequence of documents concurrently, in
  /// input order.
  ///
  /// Made by `EntityExtractor.entities(in:maxConcurrency:)` from an `AsyncSequence`; see
  /// there for the ordering, back-pressure, error and cancellation guarantees. Throws
  /// what the input throws.
  public struct AsyncBatchExtraction<Base: AsyncSequence>: AsyncSequence
  where Base.Element == Document {
    /// One document's results.
    public typealias Element = ExtractedDocument
    /// What the input throws.
    public typealias Failure = Base.Failure

    let extractor: EntityExtractor
    let base: Base
    let maxConcurrency: Int

    /// Starts reading the documents.
    public func makeAsyncIterator() -> Iterator {
      Iterator(
        base: base.makeAsyncIterator(),
        window: ExtractionWindow(extractor: extractor, capacity: maxConcurrency))
    }

    /// Reads documents, starts their extraction, and returns their results in order.
    ///
    /// Use one iterator from one task; it is not `Sendable`.
    public struct Iterator: AsyncIteratorProtocol {
      var base: Base.AsyncIterator
      let window: ExtractionWindow
      var inputEnded = false
      var inputFailure: Base.Failure?

      /// Returns the next document's results, in input order, or `nil` after the last
      /// document or once the consuming task is cancelled.
      ///
      /// - Parameter actor: The caller's isolation; the input is read there.
      /// - Throws: The input's error, after the results of every document read before it.
      public mutating func next(
        isolation actor: isolated (any Actor)? = #isolation
      ) async throws(Base.Failure) -> ExtractedDocument? {
        guard !window.isFinished else { return nil }
        if Task.isCancelled {
          window.finish()
          return nil
        }
        while !inputEnded && !window.isFull {
          do throws(Base.Failure) {
            if let document = try await base.next(isolation: actor) {
              window.start(document)
            } else {
              inputEnded = true
            }
          } catch {
            inputEnded = true
            inputFailure = error
          }
        }
        if window.isEmpty, let failure = inputFailure {
          window.finish()
          throw failure
        }
        return await window.takeOldest()
      }

      /// Returns the next document's results, in input order, or `nil` after the last
      /// document or once the consuming task is cancelled.
      ///
      /// - Throws: The input's error, after the results of every document read before it.
      public mutating func next() async throws(Base.Failure) -> ExtractedDocument? {
        try await next(isolation: nil)
      }
    }
  }
}

@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
extension EntityExtractor.BatchExtraction: Sendable where Base: Sendable {}

@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
extension EntityExtractor.AsyncBatchExtraction: Sendable where Base: Sendable {}

@available(*, unavailable)
extension EntityExtractor.BatchExtraction.Iterator: Sendable {}

@available(*, unavailable)
extension EntityExtractor.AsyncBatchExtraction.Iterator: Sendable {}

/// The documents of a batch taken from the input and not yet returned, oldest first,
/// each being extracted by its own task.
///
/// Owned by one iterator and used only from its consumer's isolation, so it needs no
/// lock; the tasks it starts capture nothing but the `Sendable` extractor and document.
/// Dropping it cancels the tasks still queued, so that those not yet started skip their
/// work.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class ExtractionWindow {
  typealias Extraction = Task<ExtractedDocument?, Never>

  let extractor: EntityExtractor
  let capacity: Int
  /// A FIFO as two stacks: new tasks are pushed on `incoming`; `outgoing` holds the oldest
  /// ones, reversed, so taking the oldest is a `popLast`. O(1) amortized, no optionals.
  private var incoming: [Extraction] = []
  private var outgoing: [Extraction] = []
  /// Set once iteration has ended (input exhausted, cancelled, or failed).
  private(set) var isFinished = false

  init(extractor: EntityExtractor, capacity: Int) {
    self.extractor = extractor
    self.capacity = capacity
  }

  deinit {
    cancelAll()
  }

  var count: Int { incoming.count + outgoing.count }
  var isEmpty: Bool { incoming.isEmpty && outgoing.isEmpty }
  var isFull: Bool { count >= capacity }

  /// Starts extracting `document` on the global concurrent executor.
  func start(_ document: Document) {
    incoming.append(Self.extraction(of: document, by: extractor))
  }

  /// A task that extracts one document, unless it is cancelled before it starts.
  ///
  /// `nonisolated` and synchronous, so the task never inherits the consumer's actor.
  private static func extraction(
    of document: Document, by extractor: EntityExtractor
  ) -> Extraction {
    Task {
      guard !Task.isCancelled else { return nil }
      let entities = extractor.entities(in: document.text, referenceDate: document.referenceDate)
      return ExtractedDocument(document: document, entities: entities)
    }
  }

  /// Waits for the oldest document's results; `nil` when there is none left or the
  /// consuming task was cancelled meanwhile (which ends the iteration).
  func takeOldest(isolation actor: isolated (any Actor)? = #isolation) async -> ExtractedDocument? {
    if outgoing.isEmpty {
      swap(&incoming, &outgoing)
      outgoing.reverse()
    }
    guard let oldest = outgoing.popLast() else {
      isFinished = true
      return nil
    }
    // A cancelled consumer cancels the task it waits for (which returns `nil` at once
    // unless it has started); `finish()` then cancels the rest.
    let result = await withTaskCancellationHandler {
      await oldest.value
    } onCancel: {
      oldest.cancel()
    }
    if result == nil || Task.isCancelled { finish() }
    return result
  }

  /// Ends the iteration: cancels every queued task and forgets it.
  func finish() {
    isFinished = true
    cancelAll()
    incoming.removeAll()
    outgoing.removeAll()
  }

  private func cancelAll() {
    for task in outgoing { task.cancel() }
    for task in incoming { task.cancel() }
  }
}
