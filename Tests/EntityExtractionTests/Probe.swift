import Testing
import EntityExtraction
import _EntityExtractionTestSupport

@Suite struct Probe {
  @Test func probe() throws {
    let seg = try WordSegmenter()
    for space in ["\u{00A0}", "\u{202F}", "\u{2007}", "\u{3000}", "\u{2003}", "\u{1680}", "\u{205F}"] {
      let t = "Kabul\(space)city"
      print(space.unicodeScalars.first!.value, tokenTexts(seg.tokens(in: t, vocabulary: Vocabulary()), in: t))
    }
    let ex = try Fixtures.bundledExtractor.get()
    let sentence = "after weeks of heavy rain the rivers rose again and the roads were closed near Quetta; "
    for mb in [1, 10, 40, 60, 80] {
      let n = mb * 1_000_000 / sentence.utf8.count
      let text = String(repeating: sentence, count: n)
      let clock = ContinuousClock()
      var toks: [Token] = []
      let t1 = clock.measure { toks = seg.tokens(in: text, vocabulary: ex.vocabulary) }
      var found: [Entity] = []
      let t2 = clock.measure { found = ex.entities(in: text) }
      print(mb, "MB tokens", toks.count, t1, "entities", found.count, t2)
    }
  }
}
