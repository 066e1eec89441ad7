/// The merged entries of every gazetteer an extractor loads, user entries replacing
/// bundled ones, kept compact: file entries stay byte ranges of their file.
struct GazetteerStore: Sendable {
  /// Where an entry comes from: a source, and the entry's index in that source's order.
  struct EntryRef: Sendable, BitwiseCopyable {
    var source: Int32
    var index: Int32
  }

  /// One loaded source.
  enum Source: Sendable {
    case file(RawGazetteer)
    case memory(Gazetteer)
  }

  /// The sources, set only by the initializers (each sets ``files`` to match).
  private(set) var sources: [Source] = []
  /// Per source: the tables of a file source that a mention reads, or `nil` for entries
  /// made in code. Copying these three is cheaper than copying a whole ``Source``, as
  /// reading a source's payload does.
  private(set) var files: [FileTables?] = []

  /// The tables of a file source that ``mentionFacts(of:)`` reads.
  struct FileTables: Sendable {
    let bytes: Table<UInt8>
    let lines: Table<RawGazetteer.Line>
    let order: Table<Int32>

    init?(_ source: Source) {
      guard case .file(let raw) = source else { return nil }
      bytes = raw.bytes
      lines = raw.lines
      order = raw.order
    }
  }
  /// Per entry: the source and the entry's index in that source's order.
  private(set) var refs = Table<EntryRef>()
  /// Per entry: facts for matching.
  private(set) var facts = Table<EntryFacts>()
  /// Per entry: index into `labels`.
  private(set) var labelIndices = Table<UInt16>()
  /// Every label present.
  private(set) var labels: [EntityLabel] = []
  private var labelIndexByName: [String: UInt16] = [:]

  /// Merges layers of sources: within a layer a repeated type and ID is an error; a
  /// later layer's entry replaces the earlier one in place.
  ///
  /// - Throws: ``GazetteerError/Kind/duplicateEntry(firstSource:firstLine:)``.
  init(layers: [[Source]]) throws(GazetteerError) {
    var global = IDTable()
    var positions: [Int] = []  // IDTable index → entry position
    // With one layer nothing can be replaced, and IDs were checked per layer.
    let tracksIDs = layers.count > 1
    for layer in layers {
      var layerSeen = IDTable()
      var origins: [(String, Int)] = []
      // A file already rejects its own repeated IDs; only several sources can clash.
      var checksLayer = true
      if layer.count == 1, case .file = layer[0] { checksLayer = false }
      for source in layer {
        let sourceIndex = Int32(sources.count)
        sources.append(source)
        let count: Int
        switch source {
        case .file(let raw): count = raw.count
        case .memory(let gazetteer): count = gazetteer.entries.count
        }
        for index in 0..<count {
          let (facts, label, line, sourceName) = describe(source, index)
          var labelName = label.rawValue
          let labelIndex = self.labelIndex(of: label)
          // Look the ID up (no mutation of `self` inside the closure: that would copy
          // the arrays on every entry in unoptimised builds).
          enum Outcome { case duplicate(String, Int), replace(Int), append }
          let outcome: Outcome = withID(source, index) { id in
            labelName.withUTF8 { type in
              if checksLayer {
                if let existing = layerSeen.index(type: type, id: id) {
                  return .duplicate(origins[existing].0, origins[existing].1)
                }
                _ = layerSeen.insert(type: type, id: id, line: line)
                origins.append((sourceName, line))
              }
              if tracksIDs {
                if let existing = global.index(type: type, id: id) { return .replace(positions[existing]) }
                _ = global.insert(type: type, id: id, line: line)
                positions.append(refs.count)
              }
              return .append
            }
          }
          let duplicate: (String, Int)?
          switch outcome {
          case .duplicate(let firstSource, let firstLine):
            duplicate = (firstSource, firstLine)
          case .replace(let position):
            duplicate = nil
            refs[position] = EntryRef(source: sourceIndex, index: Int32(index))
            self.facts[position] = facts
            labelIndices[position] = labelIndex
          case .append:
            duplicate = nil
            refs.append(EntryRef(source: sourceIndex, index: Int32(index)))
            self.facts.append(facts)
            labelIndices.append(labelIndex)
          }
          if let (firstSource, firstLine) = duplicate {
            throw GazetteerError(
              .duplicateEntry(firstSource: firstSource, firstLine: firstLine), sourceName: sourceName,
              line: line)
          }
        }
      }
    }
    files = sources.map(FileTables.init)
  }

  private mutating func labelIndex(of label: EntityLabel) -> UInt16 {
    if let index = labelIndexByName[label.rawValue] { return index }
    let index = UInt16(labels.count)
    labels.append(label)
    labelIndexByName[label.rawValue] = index
    return index
  }

  /// Facts, label, line and source name of an entry of a source.
  private func describe(_ source: Source, _ index: Int) -> (EntryFacts, EntityLabel, Int, String) {
    switch source {
    case .file(let raw):
      let position = raw.order[index]
      if position < 0 {
        let entry = raw.parsed[Int(-1 - position)]
        return (EntryFacts(entry), entry.label, entry.line, raw.sourceName)
      }
      let line = raw.lines[Int(position)]
      let type = raw.bytes.withUnsafeBufferPointer {
        String(decoding: UnsafeBufferPointer(rebasing: $0[Int(line.nameEnd + 1)..<Int(line.typeEnd)]), as: UTF8.self)
      }
      return (raw.lineFacts[Int(position)], EntityLabel(rawValue: type), Int(line.lineNumber), raw.sourceName)
    case .memory(let gazetteer):
      let entry = gazetteer.entries[index]
      return (EntryFacts(entry), entry.label, entry.line, entry.sourceName)
    }
  }

  /// Calls `body` with the ID bytes of an entry of a source.
  private func withID<R>(_ source: Source, _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    switch source {
    case .file(let raw):
      let position = raw.order[index]
      if position < 0 {
        var id = raw.parsed[Int(-1 - position)].id
        return id.withUTF8(body)
      }
      let line = raw.lines[Int(position)]
      return raw.bytes.withUnsafeBufferPointer {
        body(UnsafeBufferPointer(rebasing: $0[Int(line.typeEnd + 1)..<Int(line.idEnd)]))
      }
    case .memory(let gazetteer):
      var id = gazetteer.entries[index].id
      return id.withUTF8(body)
    }
  }

  /// The number of entries.
  var count: Int { refs.count }

  /// The positions of the entries whose label satisfies `isIncluded`.
  func indices(where isIncluded: (EntityLabel) -> Bool) -> [Int32] {
    var included = [Bool](repeating: false, count: labels.count)
    for (index, label) in labels.enumerated() { included[index] = isIncluded(label) }
    return (0..<Int32(count)).filter { included[Int(labelIndices[Int($0)])] }
  }

  /// The entries at `positions`, in that order, sharing the sources.
  func subset(_ positions: [Int32]) -> GazetteerStore {
    var result = self
    result.refs = Table(positions.map { refs[Int($0)] })
    result.facts = Table(positions.map { facts[Int($0)] })
    result.labelIndices = Table(positions.map { labelIndices[Int($0)] })
    return result
  }

  /// A store of entries made in code, all kept as given (repeated IDs included).
  init(entries: [GazetteerEntry]) {
    sources = [.memory(Gazetteer(entries: entries))]
    files = [nil]
    for (index, entry) in entries.enumerated() {
      refs.append(EntryRef(source: 0, index: Int32(index)))
      facts.append(EntryFacts(entry))
      labelIndices.append(labelIndex(of: entry.label))
    }
  }

  /// The label of entry `index`.
  @inline(__always)
  func label(of index: Int) -> EntityLabel { labels[Int(labelIndices[index])] }

  /// The full entry `index` (made on demand).
  func entry(at index: Int) -> GazetteerEntry {
    let ref = refs[index]
    switch sources[Int(ref.source)] {
    case .file(let raw): return raw.entry(at: Int(ref.index))
    case .memory(let gazetteer): return gazetteer.entries[Int(ref.index)]
    }
  }

  /// The name of the source of entry `index`.
  func sourceName(of index: Int) -> String {
    switch sources[Int(refs[index].source)] {
    case .file(let raw): return raw.sourceName
    case .memory(let gazetteer): return gazetteer.entries[Int(refs[index].index)].sourceName
    }
  }

  /// Calls `body` with each surface of entry `index`: its UTF-8 bytes (without the `=`
  /// marker) and whether it is case-sensitive. The name comes first.
  func forEachSurface(of index: Int, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
    let ref = refs[index]
    func memory(_ entry: GazetteerEntry) {
      for surface in entry.surfaces {
        var text = surface.text
        text.withUTF8 { body($0, surface.isCaseSensitive) }
      }
    }
    switch sources[Int(ref.source)] {
    case .memory(let gazetteer):
      memory(gazetteer.entries[Int(ref.index)])
    case .file(let raw):
      let position = raw.order[Int(ref.index)]
      if position < 0 {
        memory(raw.parsed[Int(-1 - position)])
        return
      }
      let line = raw.lines[Int(position)]
      raw.bytes.withUnsafeBufferPointer { bytes in
        func emit(_ start: Int, _ end: Int) {
          if bytes[start] == UInt8(ascii: "=") {
            body(UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), true)
          } else {
            body(UnsafeBufferPointer(rebasing: bytes[start..<end]), false)
          }
        }
        emit(Int(line.start), Int(line.nameEnd))
        let aliasStart = Int(line.idEnd) + 1
        let aliasEnd = Int(line.aliasesEnd)
        guard aliasEnd > aliasStart, !(aliasEnd == aliasStart + 1 && bytes[aliasStart] == UInt8(ascii: "-"))
        else { return }
        var start = aliasStart
        for position in aliasStart...aliasEnd where position == aliasEnd || bytes[position] == UInt8(ascii: "|") {
          emit(start, position)
          start = position + 1
        }
      }
    }
  }
}

/// The entries of a ``GazetteerMatcher``, made into ``GazetteerEntry`` values on access.
public struct GazetteerEntries: RandomAccessCollection, Sendable {
  let store: GazetteerStore
  /// The position of the first entry: always 0.
  public var startIndex: Int { 0 }
  /// The position just past the last entry: the number of entries.
  public var endIndex: Int { store.count }
  /// The entry at `position`, in load order.
  ///
  /// - Complexity: O(*k*) in the length of its line: entries are stored compactly and
  ///   parsed again when accessed.
  public subscript(position: Int) -> GazetteerEntry { store.entry(at: position) }
}

extension GazetteerStore {
  /// What a mention of an entry reports: ID, canonical name, the place, the country code.
  typealias MentionFacts = (id: String, name: String, place: ResolvedPlace?, country: String?)

  /// What a mention of entry `index` says about it: ID, canonical name, and for places
  /// the `ResolvedPlace`. Reads a file entry's bytes directly, without parsing the whole
  /// line into a ``GazetteerEntry``.
  func mentionFacts(of index: Int) -> MentionFacts {
    let ref = refs[index]
    let isPlace = label(of: index) == .place
    // `files[…]?.field`, not `if let file`: reads the three tables in place, with no copy
    // (and release) of the whole `FileTables`.
    let sourceIndex = Int(ref.source)
    if let position = files[sourceIndex]?.order[Int(ref.index)], position >= 0,
      let line = files[sourceIndex]?.lines[Int(position)], let fileBytes = files[sourceIndex]?.bytes
    {
      return fileBytes.withUnsafeBufferPointer { bytes in
        func string(_ range: Range<Int>) -> String {
          RawGazetteer.string(bytes, range.lowerBound, range.upperBound)
        }
        var nameStart = Int(line.start)
        if bytes[nameStart] == UInt8(ascii: "=") { nameStart += 1 }
        let name = string(nameStart..<Int(line.nameEnd))
        let id = string((Int(line.typeEnd) + 1)..<Int(line.idEnd))
        // Where the values are: strings are made afterwards of only those the mention
        // reports (a place's admin1 and kind, every entry's country).
        var country: Range<Int>?
        var admin1: Range<Int>?
        var kind: Range<Int>?
        if line.end > line.aliasesEnd + 1 {
          var pairStart = Int(line.aliasesEnd) + 1
          let end = Int(line.end)
          for position in pairStart...end where position == end || bytes[position] == UInt8(ascii: ";") {
            var equals = pairStart
            while equals < position && bytes[equals] != UInt8(ascii: "=") { equals += 1 }
            if equals < position {
              let key = UnsafeBufferPointer(rebasing: bytes[pairStart..<equals])
              if RawGazetteer.equal(key, "country") {
                country = (equals + 1)..<position
              } else if RawGazetteer.equal(key, "admin1") {
                admin1 = (equals + 1)..<position
              } else if RawGazetteer.equal(key, "kind") {
                kind = (equals + 1)..<position
              }
            }
            pairStart = position + 1
          }
        }
        let countryText = country.map { string($0) }
        guard isPlace else { return (id, name, nil, countryText) }
        let facts = self.facts[index]
        // `kind=admin1` names its own admin1 when no `admin1` is given. A simple line's
        // `kind` is ASCII (checked at load), so byte equality is `String` equality.
        let isAdmin1 = kind.map { RawGazetteer.equal(UnsafeBufferPointer(rebasing: bytes[$0]), "admin1") } ?? false
        let place = ResolvedPlace(
          id: id, country: countryText, admin1: admin1.map { string($0) } ?? (isAdmin1 ? name : nil),
          latitude: facts.latitude.isNaN ? nil : facts.latitude,
          longitude: facts.longitude.isNaN ? nil : facts.longitude, kind: kind.map { string($0) },
          population: facts.population >= 0 ? Int(facts.population) : nil)
        return (id, name, place, countryText)
      }
    }
    let entry = self.entry(at: index)
    return (entry.id, entry.name, entry.resolvedPlace, entry.country)
  }
}

extension GazetteerStore {
  /// Writes the entry tables under tags `group << 8 | 0…3` (the sources are written once
  /// for all the stores that share them).
  func write(into writer: inout ImageWriter, group: UInt32) {
    writer.add(group << 8 | 0, refs)
    writer.add(group << 8 | 1, facts)
    writer.add(group << 8 | 2, labelIndices)
    writer.addStrings(group << 8 | 3, labels.map(\.rawValue))
  }

  /// Reads a store written by ``write(into:group:)`` over `sources`, checking that every
  /// entry names an entry of a source and a label.
  init(image: CompiledImage, group: UInt32, sources: [Source]) throws(CompiledImage.Unusable) {
    self.sources = sources
    files = sources.map(FileTables.init)
    refs = try image.table(group << 8 | 0)
    facts = try image.table(group << 8 | 1)
    labelIndices = try image.table(group << 8 | 2)
    for label in try image.strings(group << 8 | 3) { _ = labelIndex(of: EntityLabel(rawValue: label)) }
    guard facts.count == refs.count, labelIndices.count == refs.count else {
      throw CompiledImage.Unusable("a store's tables disagree")
    }
    let counts = sources.map { source -> Int32 in
      if case .file(let raw) = source { return Int32(raw.count) }
      return 0
    }
    let labelCount = UInt16(labels.count)
    let valid =
      image.allSatisfy(refs) { ref in
        ref.source >= 0 && Int(ref.source) < counts.count && ref.index >= 0 && ref.index < counts[Int(ref.source)]
      } && image.allSatisfy(labelIndices) { $0 < labelCount }
    guard valid else { throw CompiledImage.Unusable("a store names an entry that does not exist") }
  }
}

extension RawGazetteer {
  /// Writes the file's bytes and tables under tags `group << 8 | 0…5` (its facts are
  /// written with the stores).
  func write(into writer: inout ImageWriter, group: UInt32) {
    writer.add(group << 8 | 0, bytes)
    writer.add(group << 8 | 1, lines)
    writer.add(group << 8 | 2, order)
    writer.add(group << 8 | 3, parsedRanges.map(\.lowerBound))
    writer.add(group << 8 | 4, parsedRanges.map(\.upperBound))
    writer.add(group << 8 | 5, parsed.map { Int32($0.line) })
  }

  /// Reads a file written by ``write(into:group:)``, checking that every line lies in
  /// its bytes and that the order names only lines and parsed entries it has.
  init(image: CompiledImage, group: UInt32, sourceName: String) throws(CompiledImage.Unusable) {
    let bytes: Table<UInt8> = try image.table(group << 8 | 0)
    let lines: Table<Line> = try image.table(group << 8 | 1)
    let order: Table<Int32> = try image.table(group << 8 | 2)
    let starts: Table<Int32> = try image.table(group << 8 | 3)
    let ends: Table<Int32> = try image.table(group << 8 | 4)
    let lineNumbers: Table<Int32> = try image.table(group << 8 | 5)
    guard starts.count == ends.count, zip(starts, ends).allSatisfy({ $0 >= 0 && $0 <= $1 }) else {
      throw CompiledImage.Unusable("\(sourceName): bad line ranges")
    }
    try self.init(
      sourceName: sourceName, bytes: bytes, lines: lines, order: order,
      parsedRanges: zip(starts, ends).map { $0..<$1 }, parsedLineNumbers: lineNumbers.array)
    let size = Int32(bytes.count)
    let lineCount = Int32(lines.count)
    let parsedCount = Int32(parsed.count)
    let valid = image.allSatisfy(lines) { line in
      line.start >= 0 && line.start < line.nameEnd && line.nameEnd < line.typeEnd && line.typeEnd < line.idEnd
        && line.idEnd <= line.aliasesEnd && line.aliasesEnd <= line.end && line.end <= size
    }
    let ordered = image.allSatisfy(order) { $0 >= 0 ? $0 < lineCount : -1 - $0 < parsedCount }
    guard valid, ordered else { throw CompiledImage.Unusable("\(sourceName): a line out of bounds") }
  }
}
