/// A document ready for recognizers: its text, its tokens, and its publication date.
///
/// Token offsets are UTF-8 byte offsets into ``text``, half-open.
public struct TokenizedText: Sendable {
  /// The document text.
  public let text: String
  /// The tokens of ``text``, white space excluded, in order.
  public let tokens: [Token]
  /// The date relative expressions are resolved against, if known.
  ///
  /// The one given to ``init(text:tokens:referenceDate:vocabulary:)``; when that is `nil`,
  /// an ``EntityExtractor`` extracting the document sets it to the date the document
  /// gives for itself, if it gives one (see ``EntityExtractor/documentDate(in:)``).
  public internal(set) var referenceDate: CalendarDate?
  /// Where ``referenceDate`` came from: ``DateAnchor/reference`` when it was given,
  /// ``DateAnchor/document`` when it was found in the text, `nil` when there is none.
  public internal(set) var dateAnchor: DateAnchor?
  /// The vocabulary the token IDs refer to.
  public let vocabulary: Vocabulary
  /// Gazetteer matches an extractor computed once for all its recognizers.
  var sharedMatches: SharedGazetteerMatches?

  /// Creates a tokenized document. The text is made contiguous UTF-8 if it is not.
  public init(
    text: String, tokens: [Token], referenceDate: CalendarDate? = nil,
    vocabulary: Vocabulary = Vocabulary()
  ) {
    var text = text
    text.makeContiguousUTF8()
    self.text = text
    self.tokens = tokens
    self.referenceDate = referenceDate
    self.dateAnchor = referenceDate == nil ? nil : .reference
    self.vocabulary = vocabulary
  }

  /// Calls `body` with the text's UTF-8 bytes, without copying them.
  @inline(__always)
  public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    // `text` was made contiguous in `init`, so this never allocates.
    if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return try Array(text.utf8).withUnsafeBufferPointer(body)
  }

  /// Returns the text of the token at `tokenIndex`.
  public func string(ofToken tokenIndex: Int) -> Substring {
    substring(utf8Range: tokens[tokenIndex].utf8Range)
  }

  /// Returns the folded key of the token at `tokenIndex` (see ``FoldedKey``).
  public func foldedKey(ofToken tokenIndex: Int) -> String {
    if let id = tokens[tokenIndex].id { return vocabulary.spelling(of: id) }
    return FoldedKey.fold(string(ofToken: tokenIndex))
  }

  /// Returns the text between two UTF-8 offsets.
  ///
  /// - Precondition: both offsets are on scalar boundaries within the text.
  /// - Complexity: O(1).
  public func substring(utf8Range: Range<Int>) -> Substring {
    let utf8 = text.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound)
    let upper = utf8.index(lower, offsetBy: utf8Range.count)
    return text[lower..<upper]
  }
}
