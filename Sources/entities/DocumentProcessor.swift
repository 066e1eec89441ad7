import EntityExtraction

/// The output of one document: its line(s), ready to write, and whether it failed.
struct ProcessedDocument {
  var output: [UInt8]
  var failed: Bool
  /// More output, written after `output`: the JSONL line of a long document comes in
  /// pieces, so that no one buffer holds it all and none is regrown (copied) as it grows.
  var continuation: [[UInt8]] = []
  /// With the brat format, the files to write; ``OutputWriter`` names and writes them in
  /// input order, and prints the summary line that starts with `head`.
  var brat: (standoff: BratStandoff, preferredName: String, head: [JSONMember])? = nil
}

/// Turns one input document into its output line. Never throws: every failure becomes
/// an error line that names the document (and position) so nothing is lost.
struct DocumentProcessor: Sendable {
  let extractor: EntityExtractor
  let defaultReferenceDate: CalendarDate?
  let offsets: OffsetUnit
  let format: OutputFormat
  let includeText: Bool
  let maximumDocumentBytes: Int
  /// How the `text` format lists documents.
  var textListing = TextListing(colours: false)

  /// Processes a document, taking its bytes out of it: a text file's bytes are freed once
  /// they are decoded, not held beside the text while it is annotated.
  ///
  /// - Parameter stream: Called with the finished pieces of a long JSONL line, in order,
  ///   as they are made; it writes and empties them, or leaves them to the result.
  func process(
    _ document: inout InputDocument, stream: (inout [[UInt8]]) -> Void = { _ in }
  ) -> ProcessedDocument {

    let content = document.content
    document.content = .unreadable("processed")
    switch content {
    case .unreadable(let reason):
      return failure(id: .string(document.id), line: nil, "\(document.id): \(reason)")
    case .text(var bytes):
      if let problem = checkText(bytes) {
        return failure(id: .string(document.id), line: nil, "\(document.id): \(problem)")
      }
      let text = String(decoding: bytes, as: UTF8.self)
      bytes = []
      return annotate(
        text: text, referenceDate: defaultReferenceDate, head: [JSONMember("id", .string(document.id))],
        displayID: document.id, fileName: BratDirectory.preferredName(forPath: document.id),
        stream: stream)
    case .oversizedLine(let bytes, let line):
      return failure(
        id: nil, line: line,
        "\(document.id):\(line): \(tooLargeMessage(bytes, limit: maximumDocumentBytes)) (the whole line)")
    case .jsonLine(let bytes, let line):
      return processJSONLine(bytes, line: line, source: document.id, stream: stream)
    }
  }

  /// Says why bytes cannot be annotated as text, or `nil` if they can.
  private func checkText(_ bytes: [UInt8]) -> String? {
    if bytes.count > maximumDocumentBytes {
      return tooLargeMessage(bytes.count, limit: maximumDocumentBytes)
    }
    if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
      return "invalid UTF-8 at byte \(bad)"
    }
    if let nul = bytes.firstIndex(of: 0) {
      return "binary file (NUL byte at byte \(nul))"
    }
    return nil
  }

  private func processJSONLine(
    _ bytes: [UInt8], line: Int, source: String, stream: (inout [[UInt8]]) -> Void
  ) -> ProcessedDocument {
    let place = "\(source):\(line)"
    // The text is shorter than its line: a line within the limit needs no parsing to
    // be refused. (The exact check on the text follows the parse.)
    if bytes.count > maximumJSONLineBytes(forDocuments: maximumDocumentBytes) {
      return failure(id: nil, line: line, "\(place): \(tooLargeMessage(bytes.count, limit: maximumDocumentBytes)) (the whole line)")
    }
    if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
      return failure(id: nil, line: line, "\(place): invalid UTF-8 at byte \(bad) of the line")
    }
    let parsed: JSONValue
    do {
      parsed = try bytes.withUnsafeBufferPointer { buffer in
        try Result { () throws(JSONParseError) in try JSONValue(parsingUTF8: buffer) }.get()
      }
    } catch {
      let reason = bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) ? "blank line" : "invalid JSON: \(error)"
      return failure(id: nil, line: line, "\(place): \(reason)")
    }
    guard let members = parsed.objectMembers else {
      return failure(id: nil, line: line, "\(place): not a JSON object")
    }
    let id = parsed["id"]
    guard let text = parsed["text"]?.stringValue else {
      return failure(id: id, line: line, "\(place): no string \"text\" member")
    }
    var referenceDate = defaultReferenceDate
    if let value = parsed["reference_date"], !value.isNull {
      guard let string = value.stringValue, let date = CalendarDate(parsing: string) else {
        return failure(id: id, line: line, "\(place): reference_date is not a date written YYYY-MM-DD")
      }
      referenceDate = date
    }
    if text.utf8.count > maximumDocumentBytes {
      return failure(id: id, line: line, "\(place): \(tooLargeMessage(text.utf8.count, limit: maximumDocumentBytes))")
    }
    // Pass every other member through, in order; ours replace "entities" and "error".
    var head: [JSONMember] = []
    if let id { head.append(JSONMember("id", id)) } else { head.append(JSONMember("line", .integer(line))) }
    for member in members where !["id", "text", "entities", "error"].contains(member.key) {
      head.append(member)
    }
    return annotate(
      text: text, referenceDate: referenceDate, head: head, displayID: id.map(displayString) ?? place,
      fileName: id.map(displayString) ?? "line-\(line)", stream: stream)
  }

  private func annotate(
    text: String, referenceDate: CalendarDate?, head: [JSONMember], displayID: String,
    fileName: String, stream: (inout [[UInt8]]) -> Void
  ) -> ProcessedDocument {
    switch format {
    case .jsonl:
      var pieces = jsonLine(text: text, referenceDate: referenceDate, head: head, stream: stream)
      let first = pieces.isEmpty ? [] : pieces.removeFirst()
      return ProcessedDocument(output: first, failed: false, continuation: pieces)
    case .conll:
      // The listing needs every token of the document, so it is read whole.
      let document = extractor.tokenize(text, referenceDate: referenceDate)
      // The head starts with the ID, or the line number of a JSONL line without one.
      let comment =
        head.first?.key == "line"
        ? CoNLLListing.comment(id: nil, line: head.first?.value.intValue)
        : CoNLLListing.comment(id: displayID, line: nil)
      let listing = CoNLLListing.render(
        comment: comment, document: document,
        sentences: extractor.segmenter.sentenceRanges(in: text),
        entities: extractor.entities(in: document))
      return ProcessedDocument(output: Array(listing.utf8), failed: false)
    case .text:
      let entities = extractor.entities(in: text, referenceDate: referenceDate)
      return ProcessedDocument(
        output: Array(textListing.render(id: displayID, text: text, entities: entities, offsets: offsets).utf8),
        failed: false)
    case .html:
      let entities = extractor.entities(in: text, referenceDate: referenceDate)
      let page = HTMLPage.render(id: displayID, text: text, entities: entities)
      return ProcessedDocument(output: Array(page.utf8), failed: false)
    case .incidents, .incidentsCSV:
      let incidents = extractor.incidents(in: text, referenceDate: referenceDate)
      let listing = IncidentListing.render(
        head: head.first, text: text, incidents: incidents, offsets: offsets,
        csv: format == .incidentsCSV)
      return ProcessedDocument(output: listing, failed: false)
    case .brat:
      let entities = extractor.entities(in: text, referenceDate: referenceDate)
      return ProcessedDocument(
        output: [], failed: false,
        brat: (BratStandoff(text: text, entities: entities), fileName, Array(head.prefix(1))))
    }
  }

  /// A piece of a long JSONL line is closed once it is this long.
  static let outputPieceBytes = 4 << 20

  /// The JSONL line of a document, in pieces of about ``outputPieceBytes`` (one for most
  /// documents): the head as values, then the mentions straight from the library's
  /// writer, a batch at a time, so that a document longer than a window is never held as
  /// mentions all at once. Each finished piece is offered to `stream`; the pieces it
  /// leaves, and the last, are returned.
  private func jsonLine(
    text: String, referenceDate: CalendarDate?, head: [JSONMember],
    stream: (inout [[UInt8]]) -> Void
  ) -> [[UInt8]] {
    var pieces: [[UInt8]] = []
    var members = head
    if includeText { members.append(JSONMember("text", .string(text))) }
    var out: [UInt8] = [UInt8(ascii: "{")]
    for member in members {
      JSONValue.writeString(member.key, to: &out)
      out.append(UInt8(ascii: ":"))
      member.value.write(to: &out)
      out.append(UInt8(ascii: ","))
    }
    out.append(contentsOf: #""entities":"#.utf8)
    var writer = Entity.JSONArrayWriter(text: text, offsets: offsets)
    extractor.enumerateEntities(in: text, referenceDate: referenceDate) { batch in
      writer.append(batch, to: &out)
      if out.count >= Self.outputPieceBytes {
        pieces.append(out)
        out = []
        stream(&pieces)
      }
    }
    writer.finish(to: &out)
    out.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
    pieces.append(out)
    return pieces
  }

  private func failure(id: JSONValue?, line: Int?, _ message: String) -> ProcessedDocument {
    switch format {
    case .jsonl, .brat:
      var members: [JSONMember] = []
      if let id { members.append(JSONMember("id", id)) }
      if let line { members.append(JSONMember("line", .integer(line))) }
      members.append(JSONMember("error", .string(message)))
      var out: [UInt8] = []
      JSONValue.object(members).write(to: &out)
      out.append(0x0A)
      return ProcessedDocument(output: out, failed: true)
    case .text:
      return ProcessedDocument(output: Array(textListing.failure(message: message).utf8), failed: true)
    case .conll:
      let comment = CoNLLListing.comment(id: id.map(displayString), line: line)
      let listing = CoNLLListing.failure(comment: comment, message: message)
      return ProcessedDocument(output: Array(listing.utf8), failed: true)
    case .html:
      let title = id.map(displayString) ?? line.map { "line \($0)" } ?? "document"
      let page = HTMLPage.failure(id: title, message: message)
      return ProcessedDocument(output: Array(page.utf8), failed: true)
    case .incidents, .incidentsCSV:
      return ProcessedDocument(
        output: IncidentListing.failure(id: id, line: line, message: message, csv: format == .incidentsCSV),
        failed: true)
    }
  }

  private func displayString(_ value: JSONValue) -> String {
    value.stringValue ?? value.jsonText
  }
}

extension StringProtocol {
  /// The text with line breaks shown as spaces, for one-line listings.
  func replacingNewlines() -> String {
    String(String.UnicodeScalarView(unicodeScalars.map { $0.properties.isWhitespace ? " " : $0 }))
  }
}
