import EntityExtraction

/// The `html` output format: one self-contained page (inline CSS, no script, no external
/// resource), streamed a document at a time.
///
/// ``header()`` comes before the first document and ``footer(documents:failed:)`` after
/// the last. Each document is an `<article class="doc">` with its ID as the heading, a
/// line of counts per type, the text with every mention in a
/// `<mark class="e t-TYPE" title="…">` (the title holds the type, the text's normalised
/// value and the confidence; hovering shows it), and a collapsed `<details>` table of
/// the mentions. Mentions nest as they do in the JSONL (a casualty count around a
/// nationality); a mention that crosses another's end is split into two marks, the
/// second with class `cont`. A document that could not be annotated is an
/// `<article class="doc failed">` with the message.
enum HTMLPage {
  static func header() -> String {
    var legend = ""
    for (label, _, _) in EntityPalette.colours {
      legend += "<mark class=\"e t-\(label.rawValue)\">\(label.rawValue)</mark> "
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="entities annotate --format html">
      <title>entities: annotated documents</title>
      <style>
      \(stylesheet)
      </style>
      </head>
      <body>
      <header class="top">
      <h1>Annotated documents</h1>
      <p class="legend">\(legend)<span class="hint">Hover over a mention for its value.</span></p>
      </header>
      <main>

      """
  }

  static func footer(documents: Int, failed: Int) -> String {
    var summary = "\(documents) \(documents == 1 ? "document" : "documents")"
    if failed > 0 { summary += ", \(failed) could not be annotated" }
    return """
      </main>
      <footer class="bottom"><p>\(summary).</p></footer>
      </body>
      </html>

      """
  }

  /// Renders one annotated document as an `<article>`.
  static func render(id: String, text: String, entities: [Entity]) -> String {
    var counts: [EntityLabel: Int] = [:]
    for entity in entities { counts[entity.label, default: 0] += 1 }
    let order =
      EntityPalette.colours.map(\.label)
      + counts.keys.filter { !EntityLabel.builtIn.contains($0) }.sorted()
    var meta = "\(entities.count) \(entities.count == 1 ? "mention" : "mentions")"
    let perType = order.compactMap { label in counts[label].map { "\($0) \(label.rawValue)" } }
    if !perType.isEmpty { meta += ": " + perType.joined(separator: ", ") }

    var out = "<article class=\"doc\">\n<h2>\(escape(id))</h2>\n<p class=\"meta\">\(meta)</p>\n"
    out += "<div class=\"text\">" + markedText(text, entities) + "</div>\n"
    if !entities.isEmpty {
      out += "<details><summary>Mentions</summary>\n<table>\n"
      out += "<tr><th>type</th><th>text</th><th>value</th><th>confidence</th></tr>\n"
      for entity in entities {
        let type = entity.label.rawValue
        out += "<tr><td><mark class=\"e t-\(type)\">\(type)</mark></td>"
        out += "<td>\(escape(entity.substring(in: text)))</td>"
        out += "<td>\(escape(entity.valueDescription(in: text) ?? ""))</td>"
        out += "<td>\(entity.confidenceText ?? "")</td></tr>\n"
      }
      out += "</table>\n</details>\n"
    }
    return out + "</article>\n"
  }

  /// Renders a document that could not be annotated.
  static func failure(id: String, message: String) -> String {
    "<article class=\"doc failed\">\n<h2>\(escape(id))</h2>\n<p class=\"error\">Not annotated: \(escape(message))</p>\n</article>\n"
  }

  /// The text with each mention wrapped in a `<mark>`, nested as the mentions nest.
  static func markedText(_ text: String, _ entities: [Entity]) -> String {
    // Outer mentions first: by start, then longer first.
    let sorted = entities.filter { !$0.utf8Range.isEmpty }.sorted {
      $0.utf8Range.lowerBound != $1.utf8Range.lowerBound
        ? $0.utf8Range.lowerBound < $1.utf8Range.lowerBound
        : $0.utf8Range.upperBound > $1.utf8Range.upperBound
    }
    let titles = sorted.map { title($0, in: text) }
    var boundaries = Set<Int>([0, text.utf8.count])
    for entity in sorted {
      boundaries.insert(entity.utf8Range.lowerBound)
      boundaries.insert(entity.utf8Range.upperBound)
    }
    let positions = boundaries.sorted()
    var out = ""
    var open: [Int] = []  // indices into `sorted`, outermost first
    var nextToOpen = 0
    for (position, next) in zip(positions, positions.dropFirst()) {
      // Close every mark that ends here, and reopen the marks above them that go on.
      if let lowest = open.firstIndex(where: { sorted[$0].utf8Range.upperBound == position }) {
        let goOn = open[lowest...].filter { sorted[$0].utf8Range.upperBound > position }
        out += String(repeating: "</mark>", count: open.count - lowest)
        open.removeSubrange(lowest...)
        for index in goOn {
          out += openTag(sorted[index], title: titles[index], continued: true)
          open.append(index)
        }
      }
      while nextToOpen < sorted.count, sorted[nextToOpen].utf8Range.lowerBound == position {
        out += openTag(sorted[nextToOpen], title: titles[nextToOpen], continued: false)
        open.append(nextToOpen)
        nextToOpen += 1
      }
      out += escape(substring(text, position..<next))
    }
    return out + String(repeating: "</mark>", count: open.count)
  }

  private static func openTag(_ entity: Entity, title: String, continued: Bool) -> String {
    "<mark class=\"e t-\(entity.label.rawValue)\(continued ? " cont" : "")\" title=\"\(title)\">"
  }

  /// The tooltip of a mention, escaped for an attribute: type, value, confidence.
  private static func title(_ entity: Entity, in text: String) -> String {
    var lines = [entity.label.rawValue]
    if let value = entity.valueDescription(in: text) { lines.append(value) }
    if let confidence = entity.confidenceText { lines.append("confidence " + confidence) }
    return lines.map { escape($0) }.joined(separator: "&#10;")
  }

  private static func substring(_ text: String, _ utf8Range: Range<Int>) -> Substring {
    let utf8 = text.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound)
    return text[lower..<utf8.index(lower, offsetBy: utf8Range.count)]
  }

  /// Escapes text for HTML content and quoted attributes: `& < > " '`; control
  /// characters other than tab, line feed and carriage return become U+FFFD.
  static func escape(_ text: some StringProtocol) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      case "\u{85}": out += "\n"
      case "\u{0}"..<"\u{20}", "\u{7F}"..<"\u{A0}": out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static var stylesheet: String {
    var rules = """
      body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2329;
        background: #f4f5f7; margin: 0; }
      header.top { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #d0d5db;
        padding: 0.6em 1.5em; z-index: 1; }
      h1 { font-size: 1.3em; margin: 0 0 0.3em; }
      main { max-width: 60em; margin: 0 auto; padding: 1em 1.5em; }
      .legend { margin: 0; }
      .legend .e { margin-right: 0.3em; }
      .hint { color: #5c6670; font-size: 0.85em; }
      article.doc { background: #fff; border: 1px solid #d0d5db; border-radius: 6px;
        padding: 0.8em 1.2em; margin: 0 0 1.2em; }
      article.doc h2 { font-size: 1em; font-family: ui-monospace, Menlo, Consolas, monospace;
        margin: 0; overflow-wrap: anywhere; }
      .meta { color: #5c6670; font-size: 0.85em; margin: 0.2em 0 0.6em; }
      .text { white-space: pre-wrap; overflow-wrap: break-word; }
      article.failed { border-color: #c62828; background: #fff5f5; }
      .error { color: #b71c1c; font-weight: 600; white-space: pre-wrap; margin: 0.4em 0; }
      mark.e { background: \(EntityPalette.other); color: inherit; border-radius: 3px;
        padding: 0 1px; cursor: help; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
      mark.e:hover { outline: 2px solid #1d2329; }
      mark.e.t-casualty { border-bottom: 2px solid #c62828; }
      mark.e mark.e { padding: 0; box-shadow: 0 0 0 1px rgba(29, 35, 41, 0.45); }
      details { margin-top: 0.6em; font-size: 0.9em; }
      summary { cursor: pointer; color: #3d4650; }
      table { border-collapse: collapse; margin-top: 0.4em; }
      th, td { text-align: left; padding: 0.15em 0.6em; border-bottom: 1px solid #e4e7eb;
        vertical-align: top; }
      footer.bottom { max-width: 60em; margin: 0 auto; padding: 0 1.5em 2em; color: #5c6670; }

      """
    for (label, colour, _) in EntityPalette.colours {
      rules += "mark.e.t-\(label.rawValue) { background: \(colour); }\n"
    }
    return rules
  }
}
