import Dispatch
import Foundation

/// The progress line of `annotate` on a terminal's standard error, rewritten in place:
///
///     entities: 1,204 docs · 38.2 of 120.5 MB (31%) · 9.6 MB/s · ETA 0:08
///
/// Workers report each finished document from any thread; the line is redrawn at most
/// five times a second (and at once for the first document). With no known total
/// (standard input) it has no share and no ETA. ``clear()`` erases it, before anything
/// else is written to the same terminal and at the end.
final class ProgressLine: @unchecked Sendable {
  private let lock = NSLock()
  private let totalBytes: Int?
  private let started = DispatchTime.now().uptimeNanoseconds
  private var documents = 0
  private var bytes = 0
  private var lastDrawn: UInt64 = 0
  private var isDrawn = false
  private static let interval: UInt64 = 200_000_000

  /// Creates a progress line for inputs of `totalBytes` bytes, or an unknown size.
  init(totalBytes: Int?) { self.totalBytes = totalBytes }

  /// Whether a progress line belongs on standard error: it is a terminal and `--quiet`
  /// is not given.
  static func isWanted(quiet: Bool) -> Bool { !quiet && isatty(STDERR_FILENO) != 0 }

  /// Counts one finished document of `byteCount` input bytes, redrawing if it is time.
  func advance(byteCount: Int) {
    lock.lock()
    defer { lock.unlock() }
    documents += 1
    bytes += byteCount
    let now = DispatchTime.now().uptimeNanoseconds
    guard !isDrawn || now - lastDrawn >= Self.interval else { return }
    lastDrawn = now
    isDrawn = true
    let line = Self.render(
      documents: documents, bytes: bytes, totalBytes: totalBytes,
      seconds: Double(now - started) / 1e9)
    write("\r" + line + "\u{1B}[K")
  }

  /// Erases the line if it is shown; the next ``advance(byteCount:)`` draws it again.
  func clear() {
    lock.lock()
    defer { lock.unlock() }
    guard isDrawn else { return }
    write("\r\u{1B}[K")
    isDrawn = false
  }

  /// The text of the line.
  static func render(documents: Int, bytes: Int, totalBytes: Int?, seconds: Double) -> String {
    let megabyte = 1_048_576.0
    let done = Double(bytes) / megabyte
    var parts = ["entities: \(grouped(documents)) \(documents == 1 ? "doc" : "docs")"]
    let rate = seconds > 0.05 ? done / seconds : nil
    if let totalBytes, totalBytes > 0 {
      let share = min(100, bytes * 100 / totalBytes)
      parts.append("\(decimal(done)) of \(decimal(Double(totalBytes) / megabyte)) MB (\(share)%)")
    } else {
      parts.append("\(decimal(done)) MB")
    }
    parts.append(rate.map { "\(decimal($0)) MB/s" } ?? "– MB/s")
    if let totalBytes {
      let left = Double(max(0, totalBytes - bytes)) / megabyte
      parts.append("ETA " + (rate.flatMap { $0 > 0 ? duration(left / $0) : nil } ?? "–:––"))
    }
    return parts.joined(separator: " · ")
  }

  private func write(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      _ = Foundation.write(STDERR_FILENO, base, buffer.count)
    }
  }

  private static func decimal(_ value: Double) -> String {
    String(format: "%.1f", value)
  }

  private static func grouped(_ value: Int) -> String {
    var digits = String(value)
    var index = digits.endIndex
    while digits.distance(from: digits.startIndex, to: index) > 3 {
      index = digits.index(index, offsetBy: -3)
      digits.insert(",", at: index)
    }
    return digits
  }

  /// `m:ss`, or `h:mm:ss` from an hour.
  private static func duration(_ seconds: Double) -> String? {
    guard seconds.isFinite, seconds < 360_000 else { return nil }
    let total = Int(seconds.rounded(.up))
    let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
    return hours > 0
      ? String(format: "%d:%02d:%02d", hours, minutes, secs)
      : String(format: "%d:%02d", minutes, secs)
  }
}
