import EntityExtraction
import Foundation

/// Writes processed documents to standard output in input order, with what a format puts
/// before the first document and after the last, and the brat files.
struct OutputWriter {
  let format: OutputFormat
  /// The brat output directory; set exactly when the format is brat.
  private(set) var bratDirectory: BratDirectory?

  init(format: OutputFormat, outputDirectory: String?) {
    self.format = format
    self.bratDirectory = format == .brat ? outputDirectory.map(BratDirectory.init(path:)) : nil
  }

  /// Bytes that come before the first document (the HTML page's head and legend, the
  /// CSV header row).
  func header() -> [UInt8] {
    switch format {
    case .html: Array(HTMLPage.header().utf8)
    case .incidentsCSV: IncidentListing.csvHeader()
    default: []
    }
  }

  /// Bytes that come after the last document (the HTML page's end, with the counts).
  func footer(documents: Int, failed: Int) -> [UInt8] {
    format == .html ? Array(HTMLPage.footer(documents: documents, failed: failed).utf8) : []
  }

  /// Writes a document's files, if it has any, and returns what goes to standard output:
  /// the rendered document, or for brat its summary line. A file that cannot be written
  /// turns the document into a failure.
  mutating func output(for document: inout ProcessedDocument) -> [UInt8] {
    guard let brat = document.brat, bratDirectory != nil else { return document.output }
    var members = brat.head
    do {
      let paths = try bratDirectory?.write(brat.standoff, preferredName: brat.preferredName)
      members.append(JSONMember("txt", .string(paths?.txt ?? "")))
      members.append(JSONMember("ann", .string(paths?.ann ?? "")))
    } catch {
      members.append(JSONMember("error", .string("\(error)")))
      document.failed = true
    }
    var out: [UInt8] = []
    JSONValue.object(members).write(to: &out)
    out.append(0x0A)
    return out
  }
}
