// casualty-report: prints a table of casualty counts by date and place for a folder of
// plain-text articles, using EntityExtraction's batch helper and its incidents: each
// casualty count with the place and date the text ties to it.
import EntityExtraction
import Foundation

@main
struct CasualtyReport {
  static let usage = """
    usage: casualty-report [--reference-date YYYY-MM-DD] [--jobs N] FOLDER...

    Reads every *.txt file in each FOLDER (not recursively) and prints one row per
    date, place and outcome. A file named YYYY-MM-DD-*.txt takes that date as its
    publication date; --reference-date gives it to files without one.
    """

  struct Options {
    var referenceDate: CalendarDate?
    var jobs = EntityExtractor.defaultMaxConcurrency
    var folders: [String] = []
  }

  static func main() async {
    let options: Options
    do {
      options = try parse(Array(CommandLine.arguments.dropFirst()))
    } catch {
      FileHandle.standardError.write(Data("casualty-report: \(error)\n\n\(usage)\n".utf8))
      exit(2)
    }

    let files = articleFiles(in: options.folders)
    if files.isEmpty {
      FileHandle.standardError.write(Data("casualty-report: no .txt files found\n".utf8))
      exit(1)
    }
    let extractor: EntityExtractor
    do {
      extractor = try EntityExtractor()
    } catch {
      FileHandle.standardError.write(Data("casualty-report: \(error)\n".utf8))
      exit(1)
    }

    // Files are read lazily, as the batch asks for them: at most `jobs` articles are in
    // memory at once, however large the folder.
    let documents = files.lazy.compactMap { path in
      readArticle(at: path, defaultReferenceDate: options.referenceDate)
    }
    var rows: [CasualtyRow] = []
    for await result in extractor.entities(in: documents, maxConcurrency: options.jobs) {
      rows.append(contentsOf: CasualtyRow.rows(in: result, extractor: extractor))
    }
    print(CasualtyRow.table(CasualtyRow.merged(rows)))
  }

  struct UsageError: Error, CustomStringConvertible {
    var description: String
  }

  static func parse(_ arguments: [String]) throws -> Options {
    var options = Options()
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
      switch argument {
      case "--reference-date":
        guard let value = remaining.popFirst(), let date = CalendarDate(parsing: value) else {
          throw UsageError(description: "--reference-date needs a date written YYYY-MM-DD")
        }
        options.referenceDate = date
      case "--jobs":
        guard let value = remaining.popFirst(), let jobs = Int(value), jobs >= 1 else {
          throw UsageError(description: "--jobs needs a number of at least 1")
        }
        options.jobs = jobs
      case "-h", "--help":
        print(usage)
        exit(0)
      default:
        guard !argument.hasPrefix("-") else {
          throw UsageError(description: "unknown option '\(argument)'")
        }
        options.folders.append(argument)
      }
    }
    guard !options.folders.isEmpty else { throw UsageError(description: "no folder given") }
    return options
  }

  /// The `.txt` files directly inside each folder, sorted by name within a folder.
  static func articleFiles(in folders: [String]) -> [String] {
    folders.flatMap { folder -> [String] in
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: folder)
      } catch {
        FileHandle.standardError.write(Data("casualty-report: cannot read \(folder)\n".utf8))
        return []
      }
      return names.filter { $0.hasSuffix(".txt") }.sorted()
        .map { (folder as NSString).appendingPathComponent($0) }
    }
  }

  /// The article at `path`, its ID the file name, its reference date the file name's
  /// `YYYY-MM-DD` prefix or else `defaultReferenceDate`; `nil` (with a warning) if the
  /// file cannot be read as UTF-8.
  static func readArticle(at path: String, defaultReferenceDate: CalendarDate?) -> Document? {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      FileHandle.standardError.write(Data("casualty-report: skipping unreadable \(path)\n".utf8))
      return nil
    }
    let name = (path as NSString).lastPathComponent
    let prefixDate = CalendarDate(parsing: name.prefix(10))
    return Document(id: name, text: text, referenceDate: prefixDate ?? defaultReferenceDate)
  }
}
