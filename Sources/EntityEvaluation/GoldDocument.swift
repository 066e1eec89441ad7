import EntityExtraction

/// One annotated mention, in gold data or in predictions.
///
/// Offsets are Unicode scalar (code point) offsets into the document text, half-open:
/// Python's `str` indices, the unit of `docs/SPEC.md`'s JSONL.
public struct AnnotatedEntity: Hashable, Sendable {
  /// Scalar offset of the first character.
  public var start: Int
  /// Scalar offset just past the last character.
  public var end: Int
  /// The entity type, such as `place`.
  public var type: String
  /// The mention's text, when the file gives it.
  public var text: String?
  /// A date's TIMEX3 value (gold `value`, predicted `date.value`).
  public var dateValue: String?
  /// A casualty record (`casualty` object).
  public var casualty: CasualtyRecord?
  /// A casualty's place, date and perpetrator (the `casualty` object's `place`, `date` and
  /// `perpetrator`), when the file gives any.
  public var incident: IncidentAnnotation?

  /// Creates a mention.
  public init(
    start: Int, end: Int, type: String, text: String? = nil, dateValue: String? = nil,
    casualty: CasualtyRecord? = nil, incident: IncidentAnnotation? = nil
  ) {
    self.start = start
    self.end = end
    self.type = type
    self.text = text
    self.dateValue = dateValue
    self.casualty = casualty
    self.incident = incident
  }
}

/// A casualty count as scored: outcome and bounds (`nil` = open).
public struct CasualtyRecord: Hashable, Sendable {
  /// `killed`, `injured`, `casualties`, `kidnapped`, `missing`, `rescued` or `arrested`.
  public var outcome: String
  /// The lower bound, or `nil` when open.
  public var min: Int?
  /// The upper bound, or `nil` when open.
  public var max: Int?
  /// Creates a record.
  public init(outcome: String, min: Int?, max: Int?) {
    self.outcome = outcome
    self.min = min
    self.max = max
  }
}

/// A document with its mentions: a gold document, or a predicted one.
public struct AnnotatedDocument: Hashable, Sendable {
  /// The document's ID, as written in the file (non-string IDs as their JSON text).
  public var id: String
  /// The text (gold documents; predicted ones may omit it).
  public var text: String?
  /// The publication date, `YYYY-MM-DD`, when given.
  public var referenceDate: String?
  /// The mentions.
  public var entities: [AnnotatedEntity]
  /// The error a predicted document's line reported instead of entities, if any.
  public var error: String?
  /// The 1-based line (JSONL) the document came from.
  public var line: Int

  /// Creates a document.
  public init(
    id: String, text: String?, referenceDate: String? = nil, entities: [AnnotatedEntity],
    error: String? = nil, line: Int = 0
  ) {
    self.id = id
    self.text = text
    self.referenceDate = referenceDate
    self.entities = entities
    self.error = error
    self.line = line
  }
}

/// A problem with gold or predicted data that makes scoring meaningless.
public struct EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What is wrong, with the file and line when known.
  public var description: String
  /// Creates an error.
  public init(_ description: String) { self.description = description }
}

extension AnnotatedDocument {
  /// Reads documents from JSONL: gold (such as `Samples/gold.jsonl`) or the output of
  /// `entities annotate --format jsonl`.
  ///
  /// Each line is an object with `id` and `entities` (each with `start`, `end`, `type`,
  /// and optionally `text`, `value` or `date.value`, `casualty`, whose `place`, `date` and
  /// `perpetrator` are read as an ``IncidentAnnotation``), or an `error` line.
  /// Blank lines are skipped.
  /// - Throws: ``EvaluationError`` naming the source and line of anything malformed.
  public static func readJSONL(_ bytes: [UInt8], sourceName: String) throws(EvaluationError)
    -> [AnnotatedDocument]
  {
    var documents: [AnnotatedDocument] = []
    var lineNumber = 0
    var start = 0
    while start <= bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != 0x0A { end += 1 }
      lineNumber += 1
      let line = bytes[start..<end]
      start = end + 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
        if end >= bytes.count { break }
        continue
      }
      let place = "\(sourceName):\(lineNumber)"
      if let bad = line.withContiguousStorageIfAvailable({ UTF8Validation.firstInvalidOffset(in: $0) }) ?? nil {
        throw EvaluationError("\(place): invalid UTF-8 at byte \(bad) of the line")
      }
      let value: JSONValue
      do {
        value = try line.withContiguousStorageIfAvailable { buffer in
          Result { () throws(JSONParseError) in try JSONValue(parsingUTF8: buffer) }
        }?.get() ?? .null
      } catch {
        throw EvaluationError("\(place): invalid JSON: \(error)")
      }
      documents.append(try document(from: value, place: place, line: lineNumber))
    }
    return documents
  }

  private static func document(from value: JSONValue, place: String, line: Int) throws(EvaluationError)
    -> AnnotatedDocument
  {
    guard value.objectMembers != nil else { throw EvaluationError("\(place): not a JSON object") }
    guard let idValue = value["id"], !idValue.isNull else {
      throw EvaluationError("\(place): no \"id\" (every document must have one to be matched up)")
    }
    let id = idValue.stringValue ?? idValue.jsonText
    let text = value["text"]?.stringValue
    let referenceDate = value["reference_date"]?.stringValue
    if let error = value["error"]?.stringValue {
      return AnnotatedDocument(id: id, text: text, referenceDate: referenceDate, entities: [], error: error, line: line)
    }
    guard let list = value["entities"]?.arrayValue else {
      throw EvaluationError("\(place): document '\(id)' has neither \"entities\" nor \"error\"")
    }
    var entities: [AnnotatedEntity] = []
    for (index, item) in list.enumerated() {
      guard let start = item["start"]?.intValue, let end = item["end"]?.intValue,
        let type = item["type"]?.stringValue
      else {
        throw EvaluationError("\(place): entity \(index + 1) of '\(id)' needs integer start, end and a string type")
      }
      let dateValue = item["value"]?.stringValue ?? item["date"]?["value"]?.stringValue
      var casualty: CasualtyRecord?
      var incident: IncidentAnnotation?
      if let object = item["casualty"], object.objectMembers != nil {
        guard let outcome = object["outcome"]?.stringValue else {
          throw EvaluationError("\(place): casualty of entity \(index + 1) of '\(id)' has no outcome")
        }
        casualty = CasualtyRecord(outcome: outcome, min: object["min"]?.intValue, max: object["max"]?.intValue)
        incident = try IncidentAnnotation.read(
          from: object, place: "\(place): entity \(index + 1) of '\(id)'")
      }
      entities.append(
        AnnotatedEntity(
          start: start, end: end, type: type, text: item["text"]?.stringValue, dateValue: dateValue,
          casualty: casualty, incident: incident))
    }
    return AnnotatedDocument(id: id, text: text, referenceDate: referenceDate, entities: entities, line: line)
  }

  /// Reads CoNLL-2003-style column data: one token per line with its tag in the last
  /// column (IOB1 or IOB2, `B-`/`I-`/`O`), blank lines between sentences, and
  /// `-DOCSTART-` lines between documents.
  ///
  /// Comment lines of the form `# key = value` (CoNLL-U style, as `entities annotate
  /// --format conll` writes them) are skipped, except `# id = X`, which starts a
  /// document named X: corrected tool output can serve as gold.
  ///
  /// A document's text is its tokens joined by single spaces, sentences by newlines;
  /// documents without an `# id` are numbered from 1 (`"1"`, `"2"`…). Tags are mapped through `labelMap`
  /// (`PER` → `person`); unmapped tags are kept lower-cased.
  /// - Throws: ``EvaluationError`` for a line with no tag column or a malformed tag.
  public static func readCoNLL(_ bytes: [UInt8], sourceName: String, labelMap: [String: String])
    throws(EvaluationError) -> [AnnotatedDocument]
  {
    guard UTF8Validation.firstInvalidOffset(in: bytes) == nil else {
      throw EvaluationError("\(sourceName): not valid UTF-8")
    }
    let source = String(decoding: bytes, as: UTF8.self)
    var documents: [AnnotatedDocument] = []
    var text = ""
    var scalars = 0
    var entities: [AnnotatedEntity] = []
    var sentenceHasTokens = false
    var open: (type: String, start: Int, end: Int)?
    var lineNumber = 0
    var nextID: String?

    func closeEntity() {
      if let current = open {
        entities.append(AnnotatedEntity(start: current.start, end: current.end, type: current.type))
      }
      open = nil
    }
    func endSentence() {
      closeEntity()
      if sentenceHasTokens {
        text += "\n"
        scalars += 1
      }
      sentenceHasTokens = false
    }
    func endDocument() {
      endSentence()
      if !text.isEmpty || nextID != nil {
        if text.hasSuffix("\n") { text.removeLast() }
        documents.append(
          AnnotatedDocument(
            id: nextID ?? String(documents.count + 1), text: text, entities: entities, line: lineNumber))
      }
      nextID = nil
      text = ""
      scalars = 0
      entities = []
    }

    for rawLine in source.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      lineNumber += 1
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      if columns.isEmpty {
        endSentence()
        continue
      }
      if columns[0] == "-DOCSTART-" {
        endDocument()
        continue
      }
      if columns[0] == "#", columns.count >= 3, columns[2] == "=" {
        if columns[1] == "id" {
          endDocument()
          let value = line.drop { $0 != "=" }.dropFirst().drop { $0 == " " || $0 == "\t" }
          nextID = String(value)
        }
        continue
      }
      guard columns.count >= 2 else {
        throw EvaluationError("\(sourceName):\(lineNumber): expected a token and a tag")
      }
      let token = String(columns[0])
      let tag = columns[columns.count - 1]
      if sentenceHasTokens {
        text += " "
        scalars += 1
      }
      let start = scalars
      text += token
      scalars += token.unicodeScalars.count
      sentenceHasTokens = true
      if tag == "O" {
        closeEntity()
        continue
      }
      guard tag.count > 2, tag.hasPrefix("B-") || tag.hasPrefix("I-") else {
        throw EvaluationError("\(sourceName):\(lineNumber): malformed tag '\(tag)' (expected O, B-X or I-X)")
      }
      let raw = String(tag.dropFirst(2))
      let type = labelMap[raw] ?? raw.lowercased()
      if tag.hasPrefix("I-"), let current = open, current.type == type {
        open = (type, current.start, scalars)
      } else {
        closeEntity()
        open = (type, start, scalars)
      }
    }
    endDocument()
    return documents
  }
}
