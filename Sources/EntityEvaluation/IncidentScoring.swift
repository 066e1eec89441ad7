import EntityExtraction

/// The place, date and perpetrator of a casualty count, in gold data or in predictions:
/// the `place`, `date` and `perpetrator` members of a `casualty` object.
///
/// In gold, a member that is there says what the text gives (`{"start", "end"}` of the
/// mention, scalar offsets; a date's `value` too), and `null` says the text gives none;
/// a member left out is not annotated, and not scored. A prediction (the output of
/// `entities annotate`) leaves out what it did not find.
///
///     "casualty": {"outcome": "killed", "min": 23, "max": 23,
///                  "place": {"start": 36, "end": 45}, "date": {"start": 3, "end": 9, "value": "2024-08-26"},
///                  "perpetrator": null}
public struct IncidentAnnotation: Hashable, Sendable {
  /// The fields the annotation gives, mention or `null`.
  public var annotated: Set<IncidentField>
  /// The place mention, when there is one.
  public var place: IncidentMention?
  /// The date mention, when there is one.
  public var date: IncidentMention?
  /// The perpetrator mention, when there is one.
  public var perpetrator: IncidentMention?

  /// Creates an annotation.
  public init(
    annotated: Set<IncidentField>, place: IncidentMention? = nil, date: IncidentMention? = nil,
    perpetrator: IncidentMention? = nil
  ) {
    self.annotated = annotated
    self.place = place
    self.date = date
    self.perpetrator = perpetrator
  }

  /// The mention given for a field, if any.
  public subscript(field: IncidentField) -> IncidentMention? {
    switch field {
    case .place: place
    case .date: date
    case .perpetrator: perpetrator
    }
  }
}

/// One of the three facts an incident ties to a casualty count.
public enum IncidentField: String, Hashable, Sendable, CaseIterable {
  /// Where the harm happened.
  case place
  /// When it happened.
  case date
  /// Who did it or claimed it.
  case perpetrator
}

/// The mention an incident field points to: scalar offsets, half-open, and for a date
/// its TIMEX3 value when given.
public struct IncidentMention: Hashable, Sendable {
  /// Scalar offset of the first character.
  public var start: Int
  /// Scalar offset just past the last character.
  public var end: Int
  /// The mention's text, when the file gives it.
  public var text: String?
  /// A date's TIMEX3 value, when the file gives it.
  public var value: String?

  /// Creates a mention.
  public init(start: Int, end: Int, text: String? = nil, value: String? = nil) {
    self.start = start
    self.end = end
    self.text = text
    self.value = value
  }

  /// Whether a predicted mention names what this gold one does: the spans overlap, or
  /// the texts are the same (ignoring case: the place named again elsewhere), or, for a
  /// date, the values are.
  func isMatched(by predicted: IncidentMention, goldText: String?) -> Bool {
    if start < predicted.end && predicted.start < end { return true }
    if let value, let other = predicted.value { return value == other }
    if let goldText, let other = predicted.text {
      return goldText.lowercased() == other.lowercased()
    }
    return false
  }
}

/// How well casualty counts were tied to their place, date and perpetrator: among the
/// gold casualty records that carry incident annotations and were matched by a predicted
/// record, the share whose fields are right.
public struct IncidentScore: Hashable, Sendable {
  /// Counts for one field.
  public struct Field: Hashable, Sendable {
    /// Matched records whose gold gives this field (a mention or `null`).
    public var scored = 0
    /// …whose prediction agrees: the same mention (see ``IncidentMention``), or none
    /// where the gold says `null`.
    public var correct = 0
    /// `correct / scored`, or 0.
    public var accuracy: Double { scored == 0 ? 0 : Double(correct) / Double(scored) }
  }

  /// Gold casualty records with incident annotations.
  public var records = 0
  /// …matched by a predicted record (same outcome and bounds; the nearest span first).
  public var matched = 0
  /// The places.
  public var place = Field()
  /// The dates.
  public var date = Field()
  /// The perpetrators.
  public var perpetrator = Field()
  /// Matched records whose every annotated field is right.
  public var complete = 0

  /// The counts of a field.
  public subscript(field: IncidentField) -> Field {
    get {
      switch field {
      case .place: place
      case .date: date
      case .perpetrator: perpetrator
      }
    }
    set {
      switch field {
      case .place: place = newValue
      case .date: date = newValue
      case .perpetrator: perpetrator = newValue
      }
    }
  }

  /// Scores one document's casualty mentions (`gold` and `predicted` of type casualty).
  ///
  /// Each gold record with incident annotations is paired with a predicted record of the
  /// same outcome and bounds, not yet paired: the one with the same span, else an
  /// overlapping one, else the nearest; then each annotated field is compared.
  mutating func add(gold: [AnnotatedEntity], predicted: [AnnotatedEntity], text: String?) {
    let scalars = text.map { Array($0.unicodeScalars) }
    func goldText(_ mention: IncidentMention) -> String? {
      if let text = mention.text { return text }
      guard let scalars, mention.start >= 0, mention.start < mention.end, mention.end <= scalars.count
      else { return nil }
      return String(String.UnicodeScalarView(scalars[mention.start..<mention.end]))
    }
    var used = Set<Int>()
    for entity in gold {
      guard let annotation = entity.incident, !annotation.annotated.isEmpty, let record = entity.casualty
      else { continue }
      records += 1
      let candidates = predicted.indices.filter { !used.contains($0) && predicted[$0].casualty == record }
      let best = candidates.min { a, b in
        Self.rank(predicted[a], against: entity) < Self.rank(predicted[b], against: entity)
      }
      guard let best else { continue }
      used.insert(best)
      matched += 1
      var allRight = true
      for field in IncidentField.allCases where annotation.annotated.contains(field) {
        let found = predicted[best].incident?[field]
        let right: Bool
        if let expected = annotation[field] {
          right = found.map { expected.isMatched(by: $0, goldText: goldText(expected)) } ?? false
        } else {
          right = found == nil
        }
        self[field].scored += 1
        if right { self[field].correct += 1 } else { allRight = false }
      }
      if allRight { complete += 1 }
    }
  }

  /// Orders candidate predictions for a gold record: same span, overlap, distance.
  private static func rank(_ predicted: AnnotatedEntity, against gold: AnnotatedEntity) -> (Int, Int) {
    if predicted.start == gold.start && predicted.end == gold.end { return (0, 0) }
    if predicted.start < gold.end && gold.start < predicted.end { return (1, 0) }
    return (2, abs(predicted.start - gold.start))
  }
}

extension IncidentAnnotation {
  /// Reads the `place`, `date` and `perpetrator` members of a `casualty` object, or `nil`
  /// when it has none of them.
  ///
  /// - Throws: ``EvaluationError`` (at `place`) for a member that is neither `null` nor an
  ///   object with integer `start` and `end`.
  static func read(from casualty: JSONValue, place: String) throws(EvaluationError) -> IncidentAnnotation? {
    var annotation = IncidentAnnotation(annotated: [])
    for field in IncidentField.allCases {
      guard let member = casualty[field.rawValue] else { continue }
      annotation.annotated.insert(field)
      if member.isNull { continue }
      guard let start = member["start"]?.intValue, let end = member["end"]?.intValue else {
        throw EvaluationError("\(place): casualty \(field.rawValue) needs integer start and end, or null")
      }
      let mention = IncidentMention(
        start: start, end: end, text: member["text"]?.stringValue, value: member["value"]?.stringValue)
      switch field {
      case .place: annotation.place = mention
      case .date: annotation.date = mention
      case .perpetrator: annotation.perpetrator = mention
      }
    }
    return annotation.annotated.isEmpty ? nil : annotation
  }
}
