/// Generates deterministic news-like English text for benchmarks.
///
/// Each sentence comes from a template written for this generator, in the shape of
/// conflict and security reporting ("Gunmen killed {count} {victims} near {city} on
/// {weekday}, police said."), with its slots filled from small lists of places (some of
/// them ambiguous: Georgia, Hyderabad, Tripoli), organizations, people, nationalities,
/// dates and counts, plus sentences that name nothing. The templates' weights are set so
/// that the extractor finds about as many mentions of each type per kilobyte as in real
/// agency news (`entities bench` prints the density beside its figures). The same seed
/// always gives the same text, on any machine. No sentence comes from a real article.
public struct _SyntheticNews: Sendable {
  private var state: UInt64

  /// Creates a generator with a seed.
  public init(seed: UInt64 = 0x5EED) { state = seed | 1 }

  /// A template and how often it is drawn, relative to the others.
  private struct Template {
    var weight: Int
    var text: String
  }

  /// The templates. Slots are `{name}`; the first letter of a sentence is capitalised.
  private static let templates: [Template] = [
    // Casualty counts, with places, dates and perpetrators around them.
    Template(weight: 1, text: "gunmen killed {count} {victims} near {city} on {weekday}, police said."),
    Template(weight: 1, text: "at least {number} people were killed and {number} wounded when a bomb exploded in a market in {city}."),
    Template(weight: 2, text: "the {armedGroup} claimed responsibility for the attack in the {district} district of {province}."),
    Template(weight: 1, text: "{number} {victims} were abducted from a bus on the road between {city} and {city2} late on {weekday}."),
    Template(weight: 1, text: "security forces said the hostages had been freed during an operation in {province} on {month} {day}."),
    Template(weight: 1, text: "{nationality} officials said several soldiers died in clashes with {armedGroup} fighters along the border."),
    // Statements, people and organizations.
    Template(weight: 5, text: "{person}, a spokesman for the {organization}, told reporters in {capital} that the talks would resume next week."),
    Template(weight: 4, text: "{title} {person} met {nationality} officials in {capital} on {weekday} to discuss trade and security."),
    Template(weight: 3, text: "the {organization} said in a statement that it was deeply concerned about the situation in {country}."),
    Template(weight: 3, text: "{person} said the government of {country} would not negotiate with the {armedGroup}."),
    Template(weight: 2, text: "in an interview with {media}, {surname} said {country} had asked the {organization} for help."),
    Template(weight: 2, text: "the {nationality} foreign ministry summoned the {nationality2} ambassador on {month} {day}, {year}."),
    Template(weight: 2, text: "{person} won the vote in {province} by a wide margin, according to results published on {weekday}."),
    Template(weight: 2, text: "talks between {country} and {country2} on a ceasefire are due to open in {capital} on {month} {day}."),
    Template(weight: 2, text: "prices of wheat and fuel rose sharply in {country} last month, the {organization} said."),
    Template(weight: 2, text: "aid workers from the {organization} reached {city} in {province} for the first time since {month}."),
    Template(weight: 1, text: "the {nationality} embassy in {capital} said two of its citizens were among the injured."),
    Template(weight: 2, text: "{person}, who heads the {organization} office in {city}, said the numbers were rising."),
    Template(weight: 2, text: "{nationality} police arrested a suspect in {city} after a raid, a {nationality2} diplomat said."),
    Template(weight: 1, text: "residents of {city} said {nationality} troops had left the town before dawn on {weekday}."),
    // Sentences that name nothing, as much of a report does.
    Template(weight: 7, text: "the situation remained tense, and most shops stayed closed for the rest of the day."),
    Template(weight: 7, text: "it was not immediately clear how many people had been inside the building at the time."),
    Template(weight: 6, text: "residents said they had heard several loud explosions shortly before the power failed."),
    Template(weight: 6, text: "officials said an investigation had been opened and that more arrests were likely."),
    Template(weight: 5, text: "the road was reopened to traffic in the afternoon, after the wreckage had been cleared."),
    Template(weight: 5, text: "analysts say the violence could delay the election and deepen the economic crisis."),
  ]

  private static let slots: [String: [String]] = [
    "city": [
      "Quetta", "Peshāwar", "Kandahār", "Karachi", "Lahore", "Mosul", "Aleppo", "Timbuktu",
      "Gao", "Maiduguri", "Kano", "Goma", "Kharkiv", "Aden", "Hyderabad", "Tripoli", "Jalalabad",
      "Bannu", "Chaman", "Gwadar", "Kirkuk", "Homs", "Mopti", "Beni",
    ],
    "capital": [
      "Islamabad", "Kabul", "Baghdad", "Damascus", "Bamako", "Abuja", "Kinshasa", "Kyiv",
      "Sanaa", "Tehran", "Beijing", "New Delhi", "Washington", "London", "Paris", "Geneva",
    ],
    "district": ["Lakki Marwat", "Bajaur", "Khyber", "Musakhel", "Panjgur", "Kurram", "Swat", "Dera Bugti"],
    "province": [
      "Balochistan", "Khyber Pakhtunkhwa", "Punjab", "Sindh", "Helmand", "Nangarhar", "Kunar",
      "Borno", "Diyala", "Anbar", "Idlib", "North Kivu",
    ],
    "country": [
      "Pakistan", "Afghanistan", "Iran", "China", "India", "Iraq", "Syria", "Mali", "Nigeria",
      "Somalia", "Yemen", "Turkey", "Ukraine", "Russia", "Sudan", "Ethiopia", "Georgia",
    ],
    "nationality": [
      "Pakistani", "Afghan", "Iranian", "Chinese", "Indian", "Iraqi", "Syrian", "Malian",
      "Nigerian", "Somali", "American", "British", "French", "Turkish", "Russian", "Ukrainian",
    ],
    "armedGroup": [
      "Tehrik-i-Taliban Pakistan", "Balochistan Liberation Army", "Islamic State", "al-Shabaab",
      "Boko Haram", "Lashkar-e-Taiba", "Hayat Tahrir al-Sham",
    ],
    "organization": [
      "United Nations", "World Health Organization", "International Committee of the Red Cross",
      "World Bank", "International Monetary Fund", "European Union", "African Union",
      "Human Rights Watch", "Amnesty International", "World Food Programme", "Interior Ministry",
    ],
    "media": ["Reuters", "the Associated Press", "the BBC", "Al Jazeera", "Dawn"],
    "given": [
      "Ahmed", "Mohammad", "Fatima", "Ali", "Hassan", "Aisha", "Omar", "Maria", "John", "Sarah",
      "Ibrahim", "Amina", "Khalid", "Nadia", "Olena", "Moussa",
    ],
    "surname": [
      "Khan", "Ahmadi", "Hussain", "Malik", "Qureshi", "Yusuf", "Diallo", "Okafor", "Haidari",
      "Siddiqui", "Rahman", "Farah", "Kovalenko", "Traoré",
    ],
    "title": ["President", "Prime Minister", "Foreign Minister", "Interior Minister", "General", "Governor"],
    "victims": ["people", "civilians", "soldiers", "policemen", "militants", "workers", "passengers", "villagers"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "month": [
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December",
    ],
    "numberWord": ["two", "three", "five", "seven", "nine", "eleven", "twelve", "fifteen", "twenty"],
  ]

  private static let totalWeight = templates.reduce(0) { $0 + $1.weight }

  private mutating func next() -> UInt64 {
    // xorshift64*: fast, and the same everywhere.
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return state &* 0x2545_F491_4F6C_DD1D
  }

  private mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

  private mutating func pick(slot: String) -> String { pick(Self.slots[slot] ?? [slot]) }

  /// The text for one slot.
  private mutating func fill(_ slot: String) -> String {
    switch slot {
    case "city2": return pick(slot: "city")
    case "country2": return pick(slot: "country")
    case "nationality2": return pick(slot: "nationality")
    case "person": return pick(slot: "given") + " " + pick(slot: "surname")
    case "number": return next() % 3 == 0 ? pick(slot: "numberWord") : String(next() % 60 + 2)
    case "count":
      switch next() % 4 {
      case 0: return "at least \(next() % 40 + 2)"
      case 1: return pick(slot: "numberWord")
      default: return String(next() % 30 + 2)
      }
    case "day": return String(next() % 28 + 1)
    case "year": return String(2019 + next() % 6)
    default: return pick(slot: slot)
    }
  }

  /// Returns one sentence.
  public mutating func sentence() -> String {
    var roll = Int(next() % UInt64(Self.totalWeight))
    var template = Self.templates[0]
    for candidate in Self.templates {
      if roll < candidate.weight {
        template = candidate
        break
      }
      roll -= candidate.weight
    }
    var text = ""
    var rest = Substring(template.text)
    while let open = rest.firstIndex(of: "{") {
      text += rest[..<open]
      let close = rest[open...].firstIndex(of: "}") ?? rest.endIndex
      text += fill(String(rest[rest.index(after: open)..<close]))
      rest = close < rest.endIndex ? rest[rest.index(after: close)...] : ""
    }
    text += rest
    return text.prefix(1).uppercased() + text.dropFirst()
  }

  /// Returns one document of about `bytes` UTF-8 bytes, in paragraphs.
  public mutating func document(bytes: Int) -> String {
    var text = ""
    text.reserveCapacity(bytes + 256)
    while text.utf8.count < bytes {
      text += sentence()
      text += next() % 4 == 0 ? "\n\n" : " "
    }
    return text
  }

  /// Returns `count` documents of about `bytes` bytes each.
  public mutating func corpus(documents count: Int, bytes: Int) -> [String] {
    (0..<count).map { _ in document(bytes: bytes) }
  }
}
