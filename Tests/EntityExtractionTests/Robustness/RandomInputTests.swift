import EntityExtraction
import Testing
import _EntityExtractionTestSupport

/// Seeded random and pathological inputs, held to the promises the fuzzer checks
/// (``ExtractionInvariants``): extraction never traps, and every token, match, entity and
/// JSON offset is ordered, in bounds and on a scalar boundary.
///
/// Each test draws from its own ``SplitMix64`` stream, so a failure names the seed and
/// the case number and reproduces on its own.
@Suite struct RandomInputTests {
  /// The seed of every stream; a test mixes in its own salt.
  static let seed: UInt64 = 0x0008_0006_5EED_0001

  static func bundled() throws -> EntityExtractor { try Fixtures.bundledExtractor.get() }

  // MARK: Random inputs

  @Test func randomBytesDecodedWithRepair() throws {
    let extractor = try Self.bundled()
    var random = SplitMix64(seed: Self.seed ^ 0xB17E5)
    for number in 0..<2_000 {
      let length = Int.random(in: 0...120, using: &random)
      var bytes: [UInt8] = []
      bytes.reserveCapacity(length)
      for _ in 0..<length {
        switch random.next() % 4 {
        case 0, 1: bytes.append(Self.asciiBytes.randomElement(using: &random) ?? 0x20)
        case 2: bytes.append(UInt8.random(in: 0x80...0xFF, using: &random))
        default: bytes.append(UInt8.random(in: 0...0xFF, using: &random))
        }
      }
      guard Self.check(bytes, with: extractor, number: number, kind: "random bytes", salt: 0xB17E5)
      else {
        return
      }
    }
  }

  @Test func randomScalarsFromMixedScripts() throws {
    let extractor = try Self.bundled()
    var random = SplitMix64(seed: Self.seed ^ 0x5C41A5)
    for number in 0..<2_000 {
      var text = ""
      for _ in 0..<Int.random(in: 0...24, using: &random) {
        let pool = Self.scalarPools.randomElement(using: &random) ?? Self.scalarPools[0]
        for _ in 0..<Int.random(in: 1...6, using: &random) {
          let range = pool.randomElement(using: &random) ?? pool[0]
          let value = UInt32.random(in: range, using: &random)
          text.unicodeScalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        if random.next() % 3 == 0 {
          text += Self.separators.randomElement(using: &random) ?? " "
        }
      }
      let bytes = Array(text.utf8)
      guard
        Self.check(bytes, with: extractor, number: number, kind: "mixed scripts", salt: 0x5C41A5)
      else {
        return
      }
    }
  }

  @Test func randomSequencesOfNewsWords() throws {
    let extractor = try Self.bundled()
    var random = SplitMix64(seed: Self.seed ^ 0x3E35)
    for number in 0..<1_500 {
      var text = ""
      for _ in 0..<Int.random(in: 0...24, using: &random) {
        var word = Self.newsWords.randomElement(using: &random) ?? "killed"
        switch random.next() % 16 {
        case 0: word = word.uppercased()
        case 1: word = word.lowercased()
        default: break
        }
        text += word
        text += Self.separators.randomElement(using: &random) ?? " "
      }
      let bytes = Array(text.utf8)
      guard Self.check(bytes, with: extractor, number: number, kind: "news words", salt: 0x3E35)
      else {
        return
      }
    }
  }

  // MARK: Pathological inputs

  /// A large input built from a repeated piece, with what the extractor should find.
  struct Pathological: Sendable, CustomTestStringConvertible {
    var name: String
    var make: @Sendable () -> String
    /// The number of entities expected, when the input is simple enough to say.
    var expectedCount: Int?
    var testDescription: String { name }
  }

  /// A debug build spends tens of microseconds per token on these, so the token counts
  /// stay at the sizes the issue names: 50,000 of one token, 100,000 commas.
  static let pathological: [Pathological] = [
    Pathological(
      name: "'killed' 50,000 times", make: { String(repeating: "killed ", count: 50_000) }),
    Pathological(
      name: "one place 5,000 times", make: { String(repeating: "Pakistan ", count: 5_000) },
      expectedCount: 5_000),
    Pathological(
      name: "'at least' 5,000 times", make: { String(repeating: "at least ", count: 5_000) }),
    Pathological(name: "a number 5,000 times", make: { String(repeating: "12 ", count: 5_000) }),
    Pathological(
      name: "'’s' 50,000 times, unspaced", make: { String(repeating: "’s", count: 50_000) }),
    Pathological(
      name: "100,000 commas", make: { String(repeating: ",", count: 100_000) }, expectedCount: 0),
    Pathological(
      name: "100,000 line breaks", make: { String(repeating: "\r\n", count: 100_000) },
      expectedCount: 0),
    Pathological(
      name: "a 1 MB word with no spaces", make: { String(repeating: "Kabul", count: (1 << 20) / 5) }
    ),
    Pathological(
      name: "a 1 MB number before 'killed'",
      make: { String(repeating: "9", count: 1 << 20) + " people were killed" }),
    Pathological(
      name: "a place in 10,000 nested brackets",
      make: {
        String(repeating: "([{«“", count: 2_000) + "Pakistan"
          + String(repeating: "”»}])", count: 2_000)
      },
      expectedCount: 1),
    Pathological(
      name: "100,000 combining marks on one letter",
      make: { "Kabul a" + String(repeating: "\u{301}", count: 100_000) + " Pakistan" }),
    Pathological(
      name: "a 20,000-person ZWJ sequence",
      make: { String(repeating: "👩\u{200D}", count: 20_000) + "👧 Peshawar" }),
  ]

  @Test(arguments: pathological)
  func pathologicalRepetition(_ input: Pathological) throws {
    let extractor = try Self.bundled()
    let text = input.make()
    // Extracting twice would double the cost of the largest inputs; random inputs do it.
    let (entities, problems) = ExtractionInvariants.check(text, with: extractor, extras: .json)
    #expect(problems.isEmpty, "\(input.name): \(problems.joined(separator: "; "))")
    if let expected = input.expectedCount {
      #expect(entities.count == expected, "\(input.name)")
    }
  }

  @Test(arguments: [
    "", " ", "\n", "\r\n\r\n", "\u{FEFF}", "\u{0}", "\u{A0}\u{202F}\u{3000}", "\u{301}", "\u{200D}",
  ])
  func emptyAndBlankTextsHaveNoEntities(_ text: String) throws {
    let extractor = try Self.bundled()
    let (entities, problems) = ExtractionInvariants.check(text, with: extractor)
    #expect(entities.isEmpty)
    #expect(problems.isEmpty, "\(problems)")
  }

  // MARK: The checks themselves

  /// A recognizer that breaks the rules must be caught, or the tests above prove nothing.
  @Test(arguments: [
    (1..<3, "splits a scalar"),  // "é" is bytes 0..<2
    (3..<100, "out of bounds"),
    (2..<3, "starts or ends with white space"),
  ])
  func checksCatchABrokenMention(_ range: Range<Int>, _ problem: String) throws {
    let broken = FixedRecognizer(mentions: [Entity(utf8Range: range, label: .place)])
    let (_, problems) = ExtractionInvariants.check(
      "é Kabul", with: try extractor(running: [broken]))
    #expect(problems.contains { $0.contains(problem) }, "\(problems)")
  }

  @Test func invalidBytesGiveTheRepairedTextAndTheValidPrefix() {
    // "Kabul " then a truncated three-byte sequence, then "A".
    let decoded = ExtractionInvariants.texts(decoding: Array("Kabul ".utf8) + [0xE2, 0x82, 0x41])
    #expect(decoded.violations.isEmpty)
    #expect(decoded.texts == ["Kabul \u{FFFD}A", "Kabul "])
  }

  // MARK: Helpers

  /// Checks one input and records the seed, case and input when a promise is broken.
  ///
  /// Every fourth input is also extracted a second time from its tokenized form.
  ///
  /// - Returns: Whether the input passed, so that a loop can stop at the first failure.
  static func check(
    _ bytes: [UInt8], with extractor: EntityExtractor, number: Int, kind: String, salt: UInt64,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Bool {
    let extras: ExtractionInvariants.Extras = number % 4 == 0 ? .all : .json
    let problems = bytes.withUnsafeBufferPointer {
      ExtractionInvariants.violations(decoding: $0, with: extractor, extras: extras)
    }
    guard problems.isEmpty else {
      let seed = "0x" + String(Self.seed ^ salt, radix: 16)
      Issue.record(
        """
        seed \(seed), \(kind) #\(number): \(problems.joined(separator: "; "))
        input (\(bytes.count) bytes): \(describe(bytes))
        """, sourceLocation: sourceLocation)
      return false
    }
    return true
  }

  /// The bytes as a Swift string literal body, invalid bytes as `\x{..}`.
  static func describe(_ bytes: [UInt8]) -> String {
    var out = ""
    var index = 0
    while index < bytes.count {
      // The longest valid scalar starting here, if any.
      var scalar: Unicode.Scalar?
      var width = 1
      for length in 1...min(4, bytes.count - index) {
        if let decoded = String(validating: bytes[index..<(index + length)], as: UTF8.self) {
          scalar = decoded.unicodeScalars.first
          width = length
          break
        }
      }
      if let scalar, scalar.isASCII, scalar.value >= 0x20, scalar != "\\", scalar != "\"" {
        out.unicodeScalars.append(scalar)
      } else if let scalar {
        out += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        out += "\\x{" + String(bytes[index], radix: 16) + "}"
      }
      index += width
    }
    return "\"" + out + "\""
  }

  /// Letters, digits, space and punctuation, the bytes of ordinary text.
  static let asciiBytes: [UInt8] = Array(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789      ,.;:'\"()[]-/%\n\t\r".utf8)

  /// Ranges of scalars by script or kind; a run of text draws from one pool.
  static let scalarPools: [[ClosedRange<UInt32>]] = [
    [0x41...0x5A, 0x61...0x7A, 0x30...0x39],  // ASCII letters and digits
    [0xC0...0x17F, 0x130...0x131, 0xDF...0xDF, 0x1E00...0x1EFF],  // Latin with diacritics
    [0x621...0x64A, 0x660...0x669, 0x6F0...0x6F9, 0x67E...0x6AF],  // Arabic, Persian, Urdu
    [0x905...0x939, 0x93E...0x94D, 0x966...0x96F],  // Devanagari letters, signs, digits
    [0x4E00...0x4FFF, 0x3041...0x3096, 0x30A1...0x30FA, 0xFF10...0xFF19],  // CJK, kana, fullwidth
    [
      0x1F600...0x1F64F, 0x1F468...0x1F469, 0x200D...0x200D, 0xFE0F...0xFE0F, 0x1F3FB...0x1F3FF,
      0x1F1E6...0x1F1FF,
    ],  // emoji, ZWJ, variation selector, skin tones, flags
    [0x300...0x36F, 0x64B...0x652, 0x93C...0x93C],  // combining marks
    [0x200E...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x61C...0x61C],  // bidi marks
    [
      0x20...0x20, 0xA0...0xA0, 0x202F...0x202F, 0x2009...0x2009, 0x3000...0x3000, 0x0A...0x0A,
      0x2028...0x2029, 0x85...0x85, 0x09...0x09,
    ],  // spaces and breaks
    [
      0x2018...0x201F, 0x2013...0x2014, 0x2E...0x2E, 0x2C...0x2C, 0x27...0x29, 0xAB...0xAB,
      0xBB...0xBB,
    ],
    [
      0x0...0x1F, 0xFEFF...0xFEFF, 0xFFFD...0xFFFD, 0xFFFE...0xFFFF, 0xE000...0xE0FF,
      0x1D400...0x1D4FF,
      0x10FFFF...0x10FFFF,
    ],  // controls, BOM, non-characters, private use, math letters
  ]

  /// What comes between words.
  static let separators = [
    " ", " ", " ", " ", ", ", ". ", "\n", "\n\n", "\u{A0}", "\u{202F}", "-", "", "’s ", " (", ") ",
    " — ", "; ", "\t", "'s ", " “", "” ",
  ]

  /// Words of news about casualties, places and dates.
  static let newsWords = [
    "Pakistan", "Khyber", "Pakhtunkhwa", "Khyber Pakhtunkhwa", "Peshawar", "Balochistan", "Sindh",
    "Kabul", "Kandahar", "KANDAHĀR", "Herat", "Quetta", "Lakki Marwat", "North Waziristan", "Dhaka",
    "São Paulo", "Port-au-Prince", "Réunion", "Hyderabad", "Georgia", "province", "district",
    "village",
    "city", "near", "in", "of", "the", "and", "at", "on", "from", "Red Crescent", "United Nations",
    "Taliban", "Ministry of Interior", "police", "army", "Mr.", "Dr", "President", "Imran Khan",
    "Maulana", "said", "told", "killed", "wounded", "injured", "dead", "died", "kidnapped",
    "missing", "rescued", "arrested", "at least", "more than", "as many as", "up to", "about",
    "dozens", "hundreds of", "scores of", "people", "civilians", "soldiers", "children", "Chinese",
    "engineers", "two", "five", "twenty-five", "a hundred", "1,247", "12", "0", "3", "2.5",
    "99999999999999999999", "-4", "%", "Monday", "Sunday", "March", "May", "Jan.", "3 May",
    "2024-03-05", "12/03/2021", "1990s", "last week", "yesterday", "two days ago", "Eid", "Ramadan",
    "summer", "2023", "between", "to", "(", ")", ".", ",", "—",
  ]
}

/// A small, fast, seedable random number generator (SplitMix64).
///
/// The standard library's generator cannot be seeded; this one gives every run the same
/// stream, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}

extension SplitMix64 {
  /// Six place names, for random gazetteers and texts of the matcher tests.
  static let placeWords = ["kabul", "herat", "quetta", "gwadar", "chaman", "zhob"]

  /// `word` in one of three spellings, drawn at random: upper case, capitalised, as is.
  mutating func randomCase(_ word: String) -> String {
    switch next() % 3 {
    case 0: word.uppercased()
    case 1: word.prefix(1).uppercased() + word.dropFirst()
    default: word
    }
  }
}
