/// Generates deterministic news-like English text for benchmarks.
///
/// The text mixes ordinary words, capitalised place and group names, numbers, dates,
/// punctuation, a few non-ASCII names ("Kandahār", "Peshāwar") and paragraph breaks,
/// in roughly the proportions of wire reports. The same seed always gives the same text,
/// on any machine. No sentence comes from a real article.
public struct _SyntheticNews: Sendable {
  private var state: UInt64

  /// Creates a generator with a seed.
  public init(seed: UInt64 = 0x5EED) { state = seed | 1 }

  private static let words = """
    the of and to in a on said that for with was were by security forces officials police \
    attack district province militants killed wounded people after near border local \
    government reported at least two three five dozens vehicle road village city group \
    claimed responsibility statement spokesman told reporters on Monday Tuesday last week \
    operation launched against hideouts across region army soldiers civilians including \
    children women injured hospital blast suicide bomber checkpoint convoy patrol area \
    tribal elders talks ceasefire agreement negotiations ministry interior foreign affairs \
    minister prime president general commander chief according to sources have has been \
    not yet whether under control situation remains tense residents fled homes
    """.split(separator: " ").map(String.init)

  private static let names = [
    "Pakistan", "Afghanistan", "Balochistan", "Khyber Pakhtunkhwa", "Lakki Marwat", "Quetta",
    "Peshāwar", "Kandahār", "Helmand", "Kabul", "Islamabad", "Iran", "China", "India",
    "North Waziristan", "Bajaur", "Khuzdar", "Panjgur", "Gwadar", "Chaman", "Torkham",
    "Tehrik-i-Taliban Pakistan", "Balochistan Liberation Army", "United Nations", "Reuters",
    "Shehbaz Sharif", "Zabihullah Mujahid", "Mohammad Ijaz", "U.S.", "Syria", "Iraq", "Mali",
  ]

  private mutating func next() -> UInt64 {
    // xorshift64*: fast, and the same everywhere.
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return state &* 0x2545_F491_4F6C_DD1D
  }

  private mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

  /// Returns one sentence.
  public mutating func sentence() -> String {
    var parts: [String] = []
    let length = 8 + Int(next() % 18)
    for index in 0..<length {
      let roll = next() % 100
      var word: String
      if roll < 12 {
        word = pick(Self.names)
      } else if roll < 16 {
        word = String(next() % 200 + 1)
      } else if roll < 17 {
        word = "March \(next() % 28 + 1), 2024"
      } else {
        word = pick(Self.words)
      }
      if index == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
      parts.append(word)
      if index < length - 1 && next() % 10 == 0 { parts[parts.count - 1] += "," }
    }
    return parts.joined(separator: " ") + (next() % 8 == 0 ? "?" : ".")
  }

  /// Returns one document of about `bytes` UTF-8 bytes, in paragraphs.
  public mutating func document(bytes: Int) -> String {
    var text = ""
    text.reserveCapacity(bytes + 256)
    while text.utf8.count < bytes {
      text += sentence()
      text += next() % 5 == 0 ? "\n\n" : " "
    }
    return text
  }

  /// Returns `count` documents of about `bytes` bytes each.
  public mutating func corpus(documents count: Int, bytes: Int) -> [String] {
    (0..<count).map { _ in document(bytes: bytes) }
  }
}
