import ArgumentParser
import EntityExtraction
import Foundation

extension EntitiesCommand {
  struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "gazetteer",
      abstract: "Check, list and compile gazetteer files.",
      subcommands: [Check.self, List.self, Compile.self])

    struct Compile: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Compile the gazetteers into one file, for --compiled.",
        discussion: """
          Compiles the bundled gazetteers (unless --no-bundled-gazetteers) and every \
          --gazetteers directory, in order, as annotate would load them, and writes the \
          result to --output (written aside, then renamed). Give annotate, evaluate or bench \
          the same gazetteer options and --compiled FILE, and they map the file instead of \
          compiling: for containers, read-only deployments and cluster workers. The file \
          records the size, time and content hash of every source: used with other \
          gazetteers, or after one is edited, it is refused.
          """)

      @Option(
        name: .customLong("gazetteers"),
        help: ArgumentHelp("A directory of extra gazetteer files (*.tsv); repeat for more.", valueName: "dir"))
      var gazetteerDirectories: [String] = []

      @Flag(help: "Do not include the bundled gazetteers.")
      var noBundledGazetteers = false

      @Option(help: ArgumentHelp("Where to write the compiled file.", valueName: "file"))
      var output: String

      func run() throws {
        var configuration = EntityExtractor.Configuration()
        configuration.includesBundledGazetteers = !noBundledGazetteers
        configuration.gazetteerDirectories = gazetteerDirectories
        let start = DispatchTime.now()
        do {
          try EntityExtractor.compileGazetteers(configuration: configuration, to: output)
        } catch let error as GazetteerError {
          FileHandle.standardError.write(Data("\(error)\n".utf8))
          throw ExitCode(1)
        }
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? NSNumber)?.intValue ?? 0
        print("wrote \(output): \(size) bytes in \(String(format: "%.0f", milliseconds)) ms")
      }
    }

    struct Check: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Check gazetteer files or directories: syntax, duplicates, sort order.",
        discussion: "With no path, checks the bundled gazetteers. Exits 1 on the first malformed line, naming it.")

      @Argument(help: "Gazetteer files (*.tsv) or directories.")
      var paths: [String] = []

      func run() throws {
        var layers: [[Gazetteer]] = []
        do {
          if paths.isEmpty {
            layers.append(try Gazetteer.loadBundled())
          } else {
            var layer: [Gazetteer] = []
            for path in paths {
              var isDirectory: ObjCBool = false
              if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                layer.append(contentsOf: try Gazetteer.loadDirectory(path))
              } else {
                layer.append(try Gazetteer(contentsOfFile: path))
              }
            }
            layers.append(layer)
          }
          let entries = try GazetteerMatcher.merging(layers)
          var unsorted = 0
          for gazetteer in layers.joined() {
            if let problem = firstUnsortedLine(gazetteer) {
              print("\(gazetteer.sourceName):\(problem): entry lines are not sorted (LC_ALL=C sort)")
              unsorted += 1
            }
          }
          let files = layers.joined().count
          print("\(entries.count) entries in \(files) file\(files == 1 ? "" : "s"): OK\(unsorted > 0 ? ", \(unsorted) not sorted" : "")")
          if unsorted > 0 { throw ExitCode(1) }
        } catch let error as GazetteerError {
          FileHandle.standardError.write(Data("\(error)\n".utf8))
          throw ExitCode(1)
        }
      }

      /// The line of the first entry that sorts before its predecessor, if any.
      private func firstUnsortedLine(_ gazetteer: Gazetteer) -> Int? {
        for (previous, entry) in zip(gazetteer.entries, gazetteer.entries.dropFirst())
        where sortKey(entry).lexicographicallyPrecedes(sortKey(previous)) {
          return entry.line
        }
        return nil
      }

      private func sortKey(_ entry: GazetteerEntry) -> [UInt8] {
        let name = (entry.surfaces.first?.isCaseSensitive == true ? "=" : "") + entry.name
        return Array((name + "\t" + entry.label.rawValue + "\t" + entry.id).utf8)
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "List the entries an extractor would load, as TSV: name, type, id, source:line.")

      @OptionGroup var extractorOptions: ExtractorOptions
      @OptionGroup var typesOption: TypesOption

      func run() throws {
        let extractor = try extractorOptions.makeExtractor()
        let labels = typesOption.labels
        var out = ""
        for entry in extractor.gazetteerMatcher.entries where labels?.contains(entry.label) ?? true {
          out += "\(entry.name)\t\(entry.label)\t\(entry.id)\t\(entry.sourceName):\(entry.line)\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
      }
    }
  }
}
