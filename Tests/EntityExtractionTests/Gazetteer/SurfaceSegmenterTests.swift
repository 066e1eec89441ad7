import Testing
import _EntityExtractionTestSupport

@testable import EntityExtraction

@Suite struct SurfaceSegmenterTests {
  /// Segments `text` with ICU, as the gazetteer compiler would without the fast path.
  private func icuSegments(_ text: String) throws -> [String] {
    let segmenter = try WordSegmenter()
    return segmenter.tokens(in: text, vocabulary: Vocabulary()).map {
      String(decoding: Array(text.utf8)[$0.utf8Range], as: UTF8.self)
    }
  }

  private func fastSegments(_ text: String) -> [String]? {
    var segmenter = SurfaceSegmenter()
    var segments: [Range<Int>] = []
    let bytes = Array(text.utf8)
    let accepted = bytes.withUnsafeBufferPointer { segmenter.segments($0, into: &segments) }
    guard accepted else { return nil }
    return segments.map { String(decoding: bytes[$0], as: UTF8.self) }
  }

  @Test(arguments: [
    "Lakki Marwat", "Khyber-Pakhtunkhwa", "U.S.", "U.S.A.", "Kandahār", "Cote d'Ivoire",
    "Côte d’Ivoire", "Dera Ismail Khan", "D.I. Khan", "St. John's", "1,000 Islands", "3.5",
    "'Adan", "Pakistan's", "Zürich\u{0301}x", "ǂKhomas", "Khyber Pakhtunkhwa’s", "Port-au-Prince", "Bosnia and Herzegovina",
    "A.B.C. News", "Ağrı", "Đà Nẵng", "Hà Nội", "Ḩalab", "Mazār-e Sharīf", "Sar-e Pul",
    "T'bilisi", "O'Higgins", "x--y", "(Malvinas)", "Guinea-Bissau", "a.b", "a.1", "1.a", "ab'", "'ab'",
  ])
  func agreesWithICUOnNames(_ surface: String) throws {
    let fast = try #require(fastSegments(surface), "the fast path should accept \(surface)")
    #expect(fast == (try icuSegments(surface)))
  }

  @Test(arguments: ["كابل", "東京", "a:b", "snake_case", "tab\there", "ʔa", "\u{0301}x"])
  func leavesOtherTextToICU(_ surface: String) {
    #expect(fastSegments(surface) == nil)
  }

  /// Every bundled surface the fast path accepts is segmented exactly as ICU does.
  @Test func agreesWithICUOnEveryBundledSurface() throws {
    let gazetteers = try Gazetteer.loadBundled()
    var checked = 0
    var disagreements: [String] = []
    for gazetteer in gazetteers {
      // All of every list but the GeoNames places, and every seventh GeoNames place.
      let stride = gazetteer.sourceName.hasSuffix("cities.tsv") ? 7 : 1
      for (index, entry) in gazetteer.entries.enumerated() where index % stride == 0 {
        for surface in entry.surfaces {
          guard let fast = fastSegments(surface.text) else { continue }
          checked += 1
          let icu = try icuSegments(surface.text)
          if fast != icu { disagreements.append("\(surface.text): \(fast) vs ICU \(icu)") }
        }
      }
    }
    #expect(checked > 50_000)
    #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
  }
}
