import Testing
import EntityExtraction
import _EntityExtractionTestSupport

@Suite struct Probe {
  @Test func probe() throws {
    let seg = try WordSegmenter()
    for text in ["U.S.-Pakistan cooperation, Pakistan's army", "Kabul\u{00A0}city\r\nnext", "Flag 🇵🇰 👩‍⚕️ 👨‍👩‍👧 ok", "پاکستان میں ١٢٣ سیلاب", "北京发生地震。東京でニュース", "Kandaha\u{0304}r Port-au-Prince 1,247 26th 2.5%"] {
      let toks = seg.tokens(in: text, vocabulary: Vocabulary())
      let bytes = Array(text.utf8)
      print(toks.map { "\(String(decoding: bytes[$0.utf8Range], as: UTF8.self))|\($0.kind.rawValue)|\($0.shape.rawValue)|\($0.flags.rawValue)" })
      print(seg.sentenceRanges(in: text))
    }
    print(FoldedKey.fold("ŉ"), FoldedKey.fold("İstanbul"), FoldedKey.fold("ǅ"), FoldedKey.fold("Kabul\u{200E}"))
    let ex = try Fixtures.bundledExtractor.get()
    for text in ["Floods in Balochistan and Khyber Pakhtunkhwa, Pakistan, reached the Afghanistan border.", "Pakistan’s army", "FLOODS HIT BALOCHISTAN, PAKISTAN", "Kandaha\u{0304}r province", "NWFP", "US troops; let us go", "U.S.-Pakistan cooperation", "KABUL, AFGHANISTAN – A blast"] {
      print(text, ex.entities(in: text).map { "\($0.substring(in: text))/\($0.entryID ?? "")" })
    }
  }
}
