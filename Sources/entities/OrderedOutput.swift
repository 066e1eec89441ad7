import EntityExtraction
import Foundation

/// Standard output, shared by the writer thread of ``BatchRunner`` and its workers.
///
/// The writer writes each document's output in input order and counts the documents
/// written. A worker whose document is the next to be written (every earlier one is out)
/// may write the first pieces of its output itself, as it makes them: the JSONL line of
/// a long document then goes out a few megabytes at a time instead of being held whole.
/// One mutex orders the two.
final class OrderedOutput: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  /// The documents whose output is all written.
  private var written = 0
  /// The progress line to erase before each write, when it shares the terminal.
  private let progress: ProgressLine?

  init(clearing progress: ProgressLine?) {
    self.progress = progress
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// Writes `pieces` in order, then counts `documents` more documents as written.
  func write(_ pieces: [[UInt8]], documents: Int = 0) {
    pthread_mutex_lock(mutex)
    for piece in pieces { put(piece) }
    written += documents
    pthread_mutex_unlock(mutex)
  }

  /// Writes and empties `pieces` if document `index` is the next to be written; else
  /// leaves them for the document's result.
  func writeIfNext(_ index: Int, _ pieces: inout [[UInt8]]) {
    pthread_mutex_lock(mutex)
    if written == index {
      for piece in pieces { put(piece) }
      pieces.removeAll()
    }
    pthread_mutex_unlock(mutex)
  }

  /// Writes bytes to standard output, handed over in place: a `Data` copy of a long
  /// document's line would double what it takes.
  private func put(_ bytes: [UInt8]) {
    guard !bytes.isEmpty else { return }
    progress?.clear()
    bytes.withUnsafeBytes { raw in
      guard let base = raw.baseAddress else { return }
      FileHandle.standardOutput.write(
        Data(
          bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none
        ))
    }
  }
}
