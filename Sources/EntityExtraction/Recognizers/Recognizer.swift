/// A rule-based component that finds entity mentions in tokenized text.
///
/// Recognizers are immutable once built, so one instance can serve many tasks at once.
/// They append to a caller-owned buffer instead of returning arrays, so a document's
/// mentions share one allocation. Mentions may overlap: ``EntityExtractor`` resolves
/// conflicts afterwards by its ``OverlapPolicy``, using each recognizer's ``priority``.
///
/// A recognizer that normalises values (a date's TIMEX3 value, a casualty count) puts
/// them on the ``Entity`` it appends; one that needs the publication date reads
/// ``TokenizedText/referenceDate``.
///
///     struct HashtagRecognizer: Recognizer {
///       var labels: Set<EntityLabel> { ["hashtag"] }
///       func recognize(_ document: TokenizedText, into mentions: inout [Entity]) {
///         for (index, token) in document.tokens.enumerated()
///         where document.string(ofToken: index) == "#" && index + 1 < document.tokens.count {
///           let end = document.tokens[index + 1].utf8Range.upperBound
///           mentions.append(Entity(utf8Range: token.utf8Range.lowerBound..<end,
///                                  label: "hashtag", source: "rule:hashtag"))
///         }
///       }
///     }
public protocol Recognizer: Sendable {
  /// Every label this recognizer can produce.
  var labels: Set<EntityLabel> { get }

  /// Preference when mentions of equal length overlap; higher wins. Default 0.
  var priority: Int { get }

  /// Appends each mention found in `document` to `mentions`.
  ///
  /// - Complexity: Should be O(*n*) in the number of tokens.
  func recognize(_ document: TokenizedText, into mentions: inout [Entity])
}

extension Recognizer {
  /// The default priority, 0.
  public var priority: Int { 0 }
}
