import Foundation
import EntityExtraction

/// A test sample whose expected mentions are written inline: `"[Dhaka|place] flooded"`.
///
/// `[` opens a mention, `|label]` closes it; the brackets and labels are removed from
/// ``text``, and ``expectedMentions`` holds each mention's UTF-8 range and label, so no
/// one counts bytes by hand. Write `\[` and `\]` for literal brackets. Mentions do not nest.
public struct MarkedText: Sendable {
  /// A mention as the sample expects it.
  public struct Mention: Hashable, Sendable, CustomStringConvertible {
    /// UTF-8 offsets in ``MarkedText/text``.
    public var utf8Range: Range<Int>
    /// The expected label.
    public var label: EntityLabel
    /// The mention's text.
    public var text: String
    public var description: String { "\(label)(\(text))@\(utf8Range.lowerBound)..<\(utf8Range.upperBound)" }
    /// Creates a mention.
    public init(utf8Range: Range<Int>, label: EntityLabel, text: String) {
      self.utf8Range = utf8Range
      self.label = label
      self.text = text
    }
  }

  /// A malformed marked sample.
  public struct SyntaxError: Error, CustomStringConvertible {
    public var description: String
  }

  /// The plain text, markers removed.
  public let text: String
  /// The marked mentions, in order.
  public let expectedMentions: [Mention]

  /// Parses a marked sample.
  ///
  /// - Throws: ``SyntaxError`` for an unclosed, unlabeled or nested mention.
  public init(_ marked: String) throws {
    var output: [UInt8] = []
    var mentions: [Mention] = []
    var openAt: Int?
    var label: [UInt8]?
    var escaped = false
    for byte in marked.utf8 {
      if escaped {
        if label != nil { label?.append(byte) } else { output.append(byte) }
        escaped = false
        continue
      }
      switch byte {
      case UInt8(ascii: "\\"):
        escaped = true
      case UInt8(ascii: "[") where label == nil:
        guard openAt == nil else { throw SyntaxError(description: "nested '[' in \(marked)") }
        openAt = output.count
      case UInt8(ascii: "|") where openAt != nil && label == nil:
        label = []
      case UInt8(ascii: "]") where openAt != nil:
        guard let start = openAt, let name = label, !name.isEmpty else {
          throw SyntaxError(description: "mention without '|label' in \(marked)")
        }
        mentions.append(
          Mention(
            utf8Range: start..<output.count, label: EntityLabel(rawValue: String(decoding: name, as: UTF8.self)),
            text: String(decoding: output[start...], as: UTF8.self)))
        openAt = nil
        label = nil
      default:
        if label != nil { label?.append(byte) } else { output.append(byte) }
      }
    }
    guard openAt == nil else { throw SyntaxError(description: "unclosed '[' in \(marked)") }
    self.text = String(decoding: output, as: UTF8.self)
    self.expectedMentions = mentions
  }

  /// The mentions of `entities` in the same form, for comparison with ``expectedMentions``.
  public func mentions(of entities: [Entity]) -> [Mention] {
    entities.map { Mention(utf8Range: $0.utf8Range, label: $0.label, text: String($0.substring(in: text))) }
  }
}

/// Shared fixtures for the test suites.
public enum Fixtures {
  /// The repository root, found from this file's path.
  public static let repositoryRoot: String = {
    var path = #filePath
    for _ in 0..<3 {
      guard let slash = path.lastIndex(of: "/") else { break }
      path = String(path[..<slash])
    }
    return path
  }()

  /// The shared corpora directory beside the repository (`../shared/corpora`), if present.
  public static var corporaDirectory: String { repositoryRoot + "/../shared/corpora" }

  /// The `text` of every JSONL line of the corpora beside the repository, or `nil` when
  /// there are none (a clone on its own): tests over them are skipped, not failed.
  public static let corpusTexts: [String]? = {
    let directory = corporaDirectory
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    var texts: [String] = []
    for name in names.sorted() where name.hasSuffix(".jsonl") {
      guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { continue }
      for line in data.split(separator: UInt8(ascii: "\n")) {
        if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
          let text = object["text"] as? String
        {
          texts.append(text)
        }
      }
    }
    return texts.isEmpty ? nil : texts
  }()

  /// An extractor with only the given gazetteer text, no bundled gazetteers.
  public static func extractor(
    gazetteer: String, sourceName: String = "test.tsv", policy: OverlapPolicy = .standard
  ) throws -> EntityExtractor {
    var configuration = EntityExtractor.Configuration()
    configuration.includesBundledGazetteers = false
    configuration.gazetteers = [try Gazetteer(parsing: gazetteer, sourceName: sourceName)]
    configuration.overlapPolicy = policy
    return try EntityExtractor(configuration: configuration)
  }

  /// An extractor with the bundled gazetteers, built once per test process.
  public static let bundledExtractor: Result<EntityExtractor, Error> = Result { try EntityExtractor() }
}
