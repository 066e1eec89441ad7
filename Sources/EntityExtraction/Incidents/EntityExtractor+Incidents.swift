extension EntityExtractor {
  /// Returns the casualty records of `text`, each with the place, date and perpetrator the
  /// text ties to it, in text order: one ``Incident`` per casualty mention of
  /// ``entities(in:referenceDate:)``.
  ///
  ///     let text = """
  ///       On Monday, gunmen attacked a bus in Musakhail. 23 people were killed. \
  ///       The Balochistan Liberation Army claimed responsibility.
  ///       """
  ///     let incident = extractor.incidents(in: text, referenceDate: CalendarDate(parsing: "2024-08-27")).first
  ///     incident?.place?.name         // "Musakhail"
  ///     incident?.date?.value.value   // "2024-08-26"
  ///     incident?.perpetrator?.name   // "Balochistan Liberation Army"
  ///
  /// Places, dates and perpetrators come from the document's place, date and organization
  /// mentions, so an extractor whose ``Configuration/labels`` leave those out links none.
  ///
  /// - Parameters:
  ///   - text: The document.
  ///   - referenceDate: The publication date, for resolving relative dates.
  /// - Returns: The incidents, with UTF-8 offsets into `text`.
  /// - Complexity: O(*n*) in the length of `text`, as ``entities(in:referenceDate:)``.
  public func incidents(in text: String, referenceDate: CalendarDate? = nil) -> [Incident] {
    var text = text
    text.makeContiguousUTF8()
    if text.utf8.count <= configuration.windowBytes {
      let document = tokenize(text, referenceDate: referenceDate)
      return incidents(of: entities(in: document), in: document)
    }
    var found: [Incident] = []
    enumerateEntities(in: text, referenceDate: referenceDate) { batch in
      found += incidents(of: batch, inLongText: text)
    }
    return found
  }

  /// Returns the casualty records of a document extracted in a batch (see
  /// ``entities(in:maxConcurrency:)``), with their place, date and perpetrator: the same
  /// as ``incidents(in:referenceDate:)`` for the document's text and reference date.
  ///
  ///     for await result in extractor.entities(in: documents, maxConcurrency: 4) {
  ///       for incident in extractor.incidents(in: result) { print(result.id, incident.count.outcome) }
  ///     }
  ///
  /// - Complexity: O(*n*) in the length of the document's text: it is tokenized again to
  ///   find each count's sentence.
  public func incidents(in result: ExtractedDocument) -> [Incident] {
    var text = result.document.text
    text.makeContiguousUTF8()
    if text.utf8.count <= configuration.windowBytes {
      return incidents(of: result.entities, in: tokenize(text))
    }
    return incidents(of: result.entities, inLongText: text)
  }

  /// The incidents of the casualty mentions of `entities`, sentences read from the
  /// tokens of `document`.
  private func incidents(of entities: [Entity], in document: TokenizedText) -> [Incident] {
    let counts = entities.filter { $0.casualty != nil }
    guard !counts.isEmpty else { return [] }
    return document.withUTF8 { bytes in
      let tokens = document.tokens
      let starts = IncidentScan.sentenceStarts(
        tokens: tokens, scope: 0..<tokens.count, bytes: bytes, words: incidentRules.words)
      return counts.compactMap { mention in
        let sentence = Self.sentence(
          containing: mention.utf8Range.lowerBound, tokens: tokens, starts: starts.map(\.token))
        return Self.incident(mention, sentence: sentence)
      }
    }
  }

  /// The incidents of the casualty mentions of `entities` in a text longer than a window:
  /// each count's sentence is read from the tokens of the stretch of its line around it
  /// (at most ``incidentSentenceReach`` bytes either side), so no text is tokenized whole.
  private func incidents(of entities: [Entity], inLongText text: String) -> [Incident] {
    var text = text
    return text.withUTF8 { bytes in
      entities.compactMap { mention -> Incident? in
        guard mention.casualty != nil else { return nil }
        let stretch = Self.lineStretch(around: mention.utf8Range.lowerBound, in: bytes)
        var tokens = segmenter.tokens(
          inUTF8: UnsafeBufferPointer(rebasing: bytes[stretch]), vocabulary: vocabulary)
        let shift = Int32(stretch.lowerBound)
        for index in tokens.indices {
          tokens[index].utf8Start += shift
          tokens[index].utf8End += shift
        }
        let starts = IncidentScan.sentenceStarts(
          tokens: tokens, scope: 0..<tokens.count, bytes: bytes, words: incidentRules.words)
        let sentence = Self.sentence(
          containing: mention.utf8Range.lowerBound, tokens: tokens, starts: starts.map(\.token))
        return Self.incident(mention, sentence: sentence)
      }
    }
  }

  /// How far from a count, in bytes, the sentence of a count in a long text is looked for.
  static let incidentSentenceReach = 4096

  /// The bytes of the line around `offset`, at most ``incidentSentenceReach`` either side
  /// (cut at scalar boundaries).
  private static func lineStretch(around offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var low = offset
    while low > 0, offset - low < incidentSentenceReach, bytes[low - 1] != 0x0A { low -= 1 }
    while low < offset, bytes[low] & 0xC0 == 0x80 { low += 1 }
    var high = offset
    while high < bytes.count, high - offset < incidentSentenceReach, bytes[high] != 0x0A { high += 1 }
    while high < bytes.count, high > offset, bytes[high] & 0xC0 == 0x80 { high -= 1 }
    return low..<high
  }

  /// The bytes of the sentence that holds the token at `offset`: from its first token's
  /// start to its last token's end.
  private static func sentence(containing offset: Int, tokens: [Token], starts: [Int]) -> Range<Int> {
    guard !tokens.isEmpty, !starts.isEmpty else { return offset..<offset }
    // The last sentence that starts at or before the offset.
    var low = 0
    var high = starts.count
    while low < high {
      let mid = (low + high) / 2
      if Int(tokens[starts[mid]].utf8Start) <= offset { low = mid + 1 } else { high = mid }
    }
    let number = max(0, low - 1)
    let first = starts[number]
    let last = (number + 1 < starts.count ? starts[number + 1] : tokens.count) - 1
    return Int(tokens[first].utf8Start)..<Int(tokens[max(first, last)].utf8End)
  }

  private static func incident(_ mention: Entity, sentence: Range<Int>) -> Incident? {
    guard let count = mention.casualty else { return nil }
    return Incident(
      utf8Range: mention.utf8Range, sentenceUTF8Range: sentence, count: count, rule: mention.source,
      confidence: mention.confidence)
  }
}
