import EntityExtraction
import Testing

@testable import entities

/// The renderers of the output formats, on mentions made by hand: cases the bundled
/// recognizers do not produce.
@Suite struct FormatRenderingTests {
  @Test func crossingMentionsGiveWellFormedNestedMarks() {
    // "Lakki Marwat" and "Marwat district" cross: the second is split in two marks.
    let text = "In Lakki Marwat district."
    let place = Entity(utf8Range: 3..<15, label: .place)
    let unit = Entity(utf8Range: 9..<24, label: "unit")
    let html = HTMLPage.markedText(text, [place, unit])
    #expect(
      html == """
        In <mark class="e t-place" title="place">Lakki <mark class="e t-unit" title="unit">Marwat\
        </mark></mark><mark class="e t-unit cont" title="unit"> district</mark>.
        """)
  }

  @Test func nestedMentionsNestAndEmptyOnesAreSkipped() {
    let text = "five Chinese engineers"
    let count = Entity(utf8Range: 0..<22, label: .casualty)
    let nationality = Entity(utf8Range: 5..<12, label: .nationality)
    let empty = Entity(utf8Range: 4..<4, label: .date)
    let html = HTMLPage.markedText(text, [nationality, empty, count])
    #expect(
      html == """
        <mark class="e t-casualty" title="casualty">five <mark class="e t-nationality" \
        title="nationality">Chinese</mark> engineers</mark>
        """)
  }

  @Test func escapingCoversMarkupQuotesAndControls() {
    #expect(
      HTMLPage.escape("<a href='x'>\"&\"</a>")
        == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
    #expect(HTMLPage.escape("tab\tline\nbell\u{7}") == "tab\tline\nbell\u{FFFD}")
  }

  @Test func flatLayerPrefersNamesThenTheOutermostCount() {
    let outer = Entity(utf8Range: 0..<31, label: .casualty)
    let inner = Entity(utf8Range: 18..<31, label: .casualty)
    let place = Entity(utf8Range: 40..<45, label: .place)
    let crossingCount = Entity(utf8Range: 35..<50, label: .casualty)
    let layer = CoNLLListing.flatLayer([inner, crossingCount, place, outer])
    #expect(layer == [outer, place])
  }

  @Test(arguments: [
    ("reports/0001.txt", "0001"),
    ("-", "stdin"),
    ("notes/.hidden.txt", "hidden"),
    ("Kandahār report (final).txt", "Kandah_r_report_final_"),
    ("../../etc/passwd", "passwd"),
    ("🙂", "_"),
  ])
  func bratNamesAreSafe(_ id: String, _ expected: String) {
    #expect(BratDirectory.safeName(BratDirectory.preferredName(forPath: id)) == expected)
  }

  @Test func bratOffsetsCountCodePointsOfTheTextWithNewlineLineEnds() {
    let text = "🙂 Kandahār\r\nLakki\r\nMarwat"
    // 🙂 is four bytes and ā two: "Kandahār" is bytes 5..<14, "Lakki\r\nMarwat" 16..<29.
    let kandahar = Entity(utf8Range: 5..<14, label: .place)
    let lakki = Entity(utf8Range: 16..<29, label: .place)
    let standoff = BratStandoff(text: text, entities: [kandahar, lakki])
    #expect(standoff.text == "🙂 Kandahār\nLakki\nMarwat")
    #expect(
      standoff.annotations == """
        T1\tplace 2 10\tKandahār
        T2\tplace 11 16;17 23\tLakki Marwat

        """)
  }
}
