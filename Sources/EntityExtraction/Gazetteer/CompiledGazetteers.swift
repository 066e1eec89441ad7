import Foundation

/// A gazetteer file to load: its name (in errors and provenance), its path, and what
/// `stat` said of it when it was listed.
struct SourceFile {
  var name: String
  var path: String
  var size: Int64
  var modifiedSeconds: Int64
  var modifiedNanoseconds: Int64
  /// The file's bytes, once read.
  var bytes: [UInt8]?

  /// Reads the bytes if they were not read yet.
  mutating func read() throws(GazetteerError) -> [UInt8] {
    if let bytes { return bytes }
    let read = try Gazetteer.readFile(path, sourceName: name)
    bytes = read
    return read
  }
}

/// Matchers the lexicon recognizers compile, by name: read from a compiled file, or
/// compiled now and kept to be written to one.
final class LexiconMatchers: @unchecked Sendable {
  /// Matchers read from a compiled file.
  var prebuilt: [String: GazetteerMatcher] = [:]
  /// Matchers compiled in this process, in order.
  var built: [(name: String, matcher: GazetteerMatcher)] = []

  /// The matcher called `name` over `store`: read from the compiled file, or compiled
  /// (adding its words to `vocabulary`).
  func matcher(
    named name: String, store: GazetteerStore, segmenter: WordSegmenter, vocabulary: inout Vocabulary
  ) -> GazetteerMatcher {
    if let matcher = prebuilt[name] { return matcher }
    let matcher = GazetteerMatcher(store: store, segmenter: segmenter, vocabulary: &vocabulary)
    built.append((name, matcher))
    return matcher
  }
}

/// The entries of a recognizer's lexicon types, and the matchers it compiles over them.
struct Lexicon {
  /// The entries, in load order.
  let store: GazetteerStore
  /// The recognizer's name for its matchers in a compiled file.
  let name: String
  let matchers: LexiconMatchers

  /// A lexicon of entries made in code, compiled afresh.
  init(entries: [GazetteerEntry]) {
    self.init(store: GazetteerStore(entries: entries), name: "memory", matchers: LexiconMatchers())
  }

  init(store: GazetteerStore, name: String, matchers: LexiconMatchers) {
    self.store = store
    self.name = name
    self.matchers = matchers
  }

  /// The number of entries.
  var count: Int { store.count }
  /// The label of entry `index`.
  func label(at index: Int) -> EntityLabel { store.label(of: index) }
  /// Entry `index`, made on demand.
  func entry(at index: Int) -> GazetteerEntry { store.entry(at: index) }
  /// Every entry, made now: for small lexicons.
  var entries: [GazetteerEntry] { (0..<count).map(entry(at:)) }

  /// The matcher over the entries at `positions` (all when `nil`), in that order: from the
  /// compiled file when it has it, else compiled now.
  func matcher(
    positions: [Int32]? = nil, segmenter: WordSegmenter, vocabulary: inout Vocabulary
  ) -> GazetteerMatcher {
    let subset = positions.map { store.subset($0) } ?? store
    return matchers.matcher(named: name, store: subset, segmenter: segmenter, vocabulary: &vocabulary)
  }
}

/// The gazetteers an extractor loads, compiled: the name matcher, each lexicon's entries,
/// the vocabulary, and the matchers the lexicon recognizers compile.
///
/// Compiling takes about a second for the bundled 240,000 entries, so the result is kept
/// in one file (see ``CompiledImage``), which later extractors map instead of compiling:
/// opening it reads its header and checks its checksum, and tables are read in place,
/// only the pages a lookup touches paid for in memory. The file records each source's
/// name, size, modification time and content hash: it is used only when every source
/// named is the same file (same size and time, else same content hash), in the same
/// layers. A cached file that is truncated, corrupted or of another format is reported
/// once on standard error and compiled again; the cache is an optimisation only.
struct CompiledGazetteers {
  var names: GazetteerMatcher
  /// The entries of each lexicon group, in the order of the groups given to ``load``.
  var lexicons: [GazetteerStore]
  var vocabulary: Vocabulary
  let matchers: LexiconMatchers
  /// The compiled file read, kept mapped while anything reads from it.
  var image: CompiledImage?
  /// The compiled file read or written, if any.
  var filePath: String?
  /// What to write once the recognizers are built: the sources and where.
  private var pending: (sources: [[SourceFile]], path: String, isExplicit: Bool, key: UInt64, pathKey: UInt64)?

  /// Bumped whenever the layout of a compiled file, or what is compiled into it, changes.
  static let formatVersion: UInt32 = 9

  /// The most bytes of compiled files a cache directory keeps: past it, the least recently
  /// used files are removed (the one just used stays). About twelve bundled-set files.
  static let cacheByteLimit: Int64 = 1 << 30

  /// Loads (from a compiled file when possible) or compiles the gazetteers.
  ///
  /// - Parameters:
  ///   - layers: Layers of gazetteer files, listed but not necessarily read.
  ///   - memory: Gazetteers made in code, the last layer (no compiled file then).
  ///   - lexiconGroups: The lexicon labels of each recognizer; other labels are names.
  ///   - cacheDirectory: Where compiled files are cached; `nil` for no cache.
  ///   - compiledPath: A compiled file to use, which must match `layers`.
  ///   - outputPath: Where to write the compiled file (an error if it cannot be).
  /// - Throws: ``GazetteerError`` for a malformed gazetteer, or a `compiledPath` that
  ///   cannot be used.
  static func load(
    layers: [[SourceFile]], memory: [Gazetteer], segmenter: WordSegmenter, lexiconGroups: [Set<EntityLabel>],
    cacheDirectory: String?, compiledPath: String? = nil, outputPath: String? = nil
  ) throws(GazetteerError) -> CompiledGazetteers {
    var layers = layers
    let key = configurationKey(layers: layers, lexiconGroups: lexiconGroups)
    let pathKey = Self.pathKey(layers: layers)
    if let compiledPath {
      guard memory.isEmpty else {
        throw GazetteerError(
          .unreadable("a compiled file cannot hold gazetteers made in code"), sourceName: compiledPath, line: 0)
      }
      do {
        let image = try CompiledImage(mapping: compiledPath, expectedVersion: formatVersion)
        if let mismatch = try mismatch(of: image, layers: &layers, key: key, pathKey: pathKey) {
          throw CompiledImage.Unusable("compiled from other gazetteers than the ones named: \(mismatch)")
        }
        var compiled = try CompiledGazetteers(image: image, groupCount: lexiconGroups.count)
        compiled.filePath = compiledPath
        return compiled
      } catch let error as CompiledImage.Unusable {
        throw GazetteerError(.unreadable(error.description), sourceName: compiledPath, line: 0)
      } catch let error as GazetteerError {
        throw error
      } catch {
        throw GazetteerError(.unreadable("\(error)"), sourceName: compiledPath, line: 0)
      }
    }
    var cachePath: String?
    if let cacheDirectory, memory.isEmpty, outputPath == nil {
      let path = (cacheDirectory as NSString).appendingPathComponent(
        "gazetteers-v\(formatVersion)-\(String(key, radix: 16)).bin")
      cachePath = path
      if FileManager.default.fileExists(atPath: path) {
        do {
          let image = try CompiledImage(mapping: path, expectedVersion: formatVersion)
          if try mismatch(of: image, layers: &layers, key: key, pathKey: pathKey) == nil {
            var compiled = try CompiledGazetteers(image: image, groupCount: lexiconGroups.count)
            compiled.filePath = path
            utimes(path, nil)  // recently used: kept when the cache is pruned
            return compiled
          }
          // Sources edited since: compiled again, silently, over the old file.
        } catch let error as CompiledImage.Unusable {
          warn("ignoring the compiled gazetteers \(path) (\(error)); compiling them again")
        } catch let error as GazetteerError {
          throw error
        } catch {
          warn("ignoring the compiled gazetteers \(path) (\(error)); compiling them again")
        }
      }
    }
    var compiled = try compile(layers: &layers, memory: memory, segmenter: segmenter, lexiconGroups: lexiconGroups)
    if let path = outputPath ?? cachePath {
      compiled.pending = (layers, path, outputPath != nil, key, pathKey)
    }
    return compiled
  }

  /// Parses, validates, merges and compiles.
  private static func compile(
    layers: inout [[SourceFile]], memory: [Gazetteer], segmenter: WordSegmenter, lexiconGroups: [Set<EntityLabel>]
  ) throws(GazetteerError) -> CompiledGazetteers {
    var sources: [[GazetteerStore.Source]] = []
    for layer in layers.indices {
      var parsed: [GazetteerStore.Source] = []
      for file in layers[layer].indices {
        let bytes = try layers[layer][file].read()
        parsed.append(.file(try RawGazetteer(bytes: bytes, sourceName: layers[layer][file].name)))
      }
      sources.append(parsed)
    }
    if !memory.isEmpty { sources.append(memory.map { .memory($0) }) }
    let store = try GazetteerStore(layers: sources)
    let lexiconLabels = lexiconGroups.reduce(into: Set<EntityLabel>()) { $0.formUnion($1) }
    var vocabulary = Vocabulary()
    let names = GazetteerMatcher(
      store: store.subset(store.indices { !lexiconLabels.contains($0) }), segmenter: segmenter,
      vocabulary: &vocabulary)
    let lexicons = lexiconGroups.map { group in store.subset(store.indices { group.contains($0) }) }
    return CompiledGazetteers(
      names: names, lexicons: lexicons, vocabulary: vocabulary, matchers: LexiconMatchers(), image: nil)
  }

  private init(
    names: GazetteerMatcher, lexicons: [GazetteerStore], vocabulary: Vocabulary, matchers: LexiconMatchers,
    image: CompiledImage?
  ) {
    self.names = names
    self.lexicons = lexicons
    self.vocabulary = vocabulary
    self.matchers = matchers
    self.image = image
  }

  /// The lexicon of group `index`, for the recognizer called `name`.
  func lexicon(_ index: Int, name: String) -> Lexicon {
    Lexicon(store: lexicons[index], name: name, matchers: matchers)
  }

  /// Writes the compiled file, if one is due, with the vocabulary as the recognizers left
  /// it. A cache that cannot be written is reported once and the gazetteers stay compiled
  /// in memory; an explicit output that cannot be written is an error.
  mutating func save(vocabulary: Vocabulary) throws(GazetteerError) {
    guard let pending else { return }
    let directory = (pending.path as NSString).deletingLastPathComponent
    let failure: String?
    do {
      try FileManager.default.createDirectory(
        atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
      failure = write(
        to: pending.path, sources: pending.sources, key: pending.key, pathKey: pending.pathKey,
        vocabulary: vocabulary)
    } catch {
      failure = "cannot create the directory: \(error.localizedDescription)"
    }
    if let failure {
      if pending.isExplicit { throw GazetteerError(.unreadable(failure), sourceName: pending.path, line: 0) }
      Self.warn("cannot write the gazetteer cache in \(directory) (\(failure)); compiled in memory only")
      return
    }
    filePath = pending.path
    if !pending.isExplicit { Self.pruneCache(in: directory, keeping: pending.path) }
  }

  /// Writes aside, then renames over `path` (atomic: a concurrent reader sees the old
  /// file or the whole new one, and two writers leave one of their two whole files).
  /// Returns what went wrong, or `nil`.
  private func write(
    to path: String, sources: [[SourceFile]], key: UInt64, pathKey: UInt64, vocabulary: Vocabulary
  ) -> String? {
    var writer = ImageWriter()
    Self.describe(sources: sources, key: key, pathKey: pathKey, into: &writer)
    var raws: [RawGazetteer] = []
    for source in names.store.sources {
      guard case .file(let raw) = source else { return "gazetteers made in code are not compiled to files" }
      raws.append(raw)
    }
    for (index, raw) in raws.enumerated() { raw.write(into: &writer, group: Tag.source + UInt32(index)) }
    names.store.write(into: &writer, group: Tag.nameStore)
    names.writeTrie(into: &writer, group: Tag.nameTrie)
    for (index, lexicon) in lexicons.enumerated() {
      lexicon.write(into: &writer, group: Tag.lexiconStore + UInt32(index))
    }
    writer.addStrings(Tag.matcherNames << 8, matchers.built.map(\.name))
    for (index, built) in matchers.built.enumerated() {
      built.matcher.store.write(into: &writer, group: Tag.matcherStore + UInt32(index))
      built.matcher.writeTrie(into: &writer, group: Tag.matcherTrie + UInt32(index))
    }
    vocabulary.write(into: &writer, group: Tag.vocabulary)
    let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard descriptor >= 0 else { return String(cString: strerror(errno)) }
    let written = writer.write(toDescriptor: descriptor, version: Self.formatVersion)
    let closed = close(descriptor) == 0
    guard written, closed, rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      return written ? reason : "write failed (\(reason))"
    }
    return nil
  }

  /// Section groups of a compiled file (a tag is `group << 8 | item`).
  enum Tag {
    static let sources: UInt32 = 1
    static let matcherNames: UInt32 = 2
    static let vocabulary: UInt32 = 3
    static let nameStore: UInt32 = 0x10
    static let nameTrie: UInt32 = 0x11
    static let lexiconStore: UInt32 = 0x100
    static let matcherStore: UInt32 = 0x200
    static let matcherTrie: UInt32 = 0x300
    static let source: UInt32 = 0x1000
  }

  /// Reads everything from a checked file; the sources were compared by the caller.
  private init(image: CompiledImage, groupCount: Int) throws(CompiledImage.Unusable) {
    let names = try image.strings(Tag.sources << 8)
    var sources: [GazetteerStore.Source] = []
    for (index, name) in names.enumerated() {
      sources.append(.file(try RawGazetteer(image: image, group: Tag.source + UInt32(index), sourceName: name)))
    }
    let nameStore = try GazetteerStore(image: image, group: Tag.nameStore, sources: sources)
    let matcher = try GazetteerMatcher(store: nameStore, image: image, group: Tag.nameTrie)
    var lexicons: [GazetteerStore] = []
    for index in 0..<groupCount {
      lexicons.append(try GazetteerStore(image: image, group: Tag.lexiconStore + UInt32(index), sources: sources))
    }
    let matchers = LexiconMatchers()
    for (index, name) in try image.strings(Tag.matcherNames << 8).enumerated() {
      let store = try GazetteerStore(image: image, group: Tag.matcherStore + UInt32(index), sources: sources)
      matchers.prebuilt[name] = try GazetteerMatcher(store: store, image: image, group: Tag.matcherTrie + UInt32(index))
    }
    let vocabulary = try Vocabulary(image: image, group: Tag.vocabulary)
    self.init(names: matcher, lexicons: lexicons, vocabulary: vocabulary, matchers: matchers, image: image)
  }

  /// Records the sources: names, layers, sizes, times, content hashes, the key and the
  /// hash of the paths.
  private static func describe(
    sources: [[SourceFile]], key: UInt64, pathKey: UInt64, into writer: inout ImageWriter
  ) {
    let files = sources.flatMap { $0 }
    writer.addStrings(Tag.sources << 8, files.map(\.name))
    writer.add(Tag.sources << 8 | 1, sources.enumerated().flatMap { layer, files in files.map { _ in Int32(layer) } })
    writer.add(Tag.sources << 8 | 2, files.map(\.size))
    writer.add(Tag.sources << 8 | 3, files.map(\.modifiedSeconds))
    writer.add(Tag.sources << 8 | 4, files.map(\.modifiedNanoseconds))
    writer.add(Tag.sources << 8 | 5, files.map { contentHash($0.bytes ?? []) })
    writer.add(Tag.sources << 8 | 6, scalar: key)
    writer.add(Tag.sources << 8 | 7, scalar: pathKey)
  }

  /// How the sources a file was compiled from differ from `layers`, or `nil` when they
  /// are the same. A file whose size or time differs is read and its content hash
  /// compared: a copied but unchanged file still matches.
  private static func mismatch(
    of image: CompiledImage, layers: inout [[SourceFile]], key: UInt64, pathKey: UInt64
  ) throws -> String? {
    guard try image.scalar(Tag.sources << 8 | 6, of: UInt64.self) == key else {
      return "other files, directories or lexicon types"
    }
    // Size and time vouch for a file only where it was compiled from: a tree copied
    // elsewhere (a binary shipped with its bundle to cluster executors) is compared by
    // content.
    let samePaths = try image.scalar(Tag.sources << 8 | 7, of: UInt64.self) == pathKey
    let names = try image.strings(Tag.sources << 8)
    let layerIndices: Table<Int32> = try image.table(Tag.sources << 8 | 1)
    let sizes: Table<Int64> = try image.table(Tag.sources << 8 | 2)
    let seconds: Table<Int64> = try image.table(Tag.sources << 8 | 3)
    let nanoseconds: Table<Int64> = try image.table(Tag.sources << 8 | 4)
    let hashes: Table<UInt64> = try image.table(Tag.sources << 8 | 5)
    let count = layers.reduce(0) { $0 + $1.count }
    guard names.count == count, layerIndices.count == count, sizes.count == count, seconds.count == count,
      nanoseconds.count == count, hashes.count == count
    else { return "\(names.count) files, not \(count)" }
    var index = 0
    for layer in layers.indices {
      for file in layers[layer].indices {
        defer { index += 1 }
        let source = layers[layer][file]
        guard names[index] == source.name, Int(layerIndices[index]) == layer else {
          return "\(names[index]) where \(source.name) is named"
        }
        if samePaths && sizes[index] == source.size && seconds[index] == source.modifiedSeconds
          && nanoseconds[index] == source.modifiedNanoseconds
        {
          continue
        }
        guard let bytes = try? layers[layer][file].read(), contentHash(bytes) == hashes[index] else {
          return "\(source.name) has changed"
        }
      }
    }
    return nil
  }

  /// The hash of a source's bytes recorded in a compiled file.
  static func contentHash(_ bytes: [UInt8]) -> UInt64 {
    var hasher = ContentHasher()
    bytes.withUnsafeBytes { hasher.update($0, releasing: false) }
    return hasher.finish()
  }

  /// Names a compiled file: the format, the files named within their directories (not
  /// where those directories are, nor the contents), their layers and the lexicon groups.
  /// The same tree copied elsewhere has the same key, so a compiled file travels with it.
  static func configurationKey(layers: [[SourceFile]], lexiconGroups: [Set<EntityLabel>]) -> UInt64 {
    var text = "v\(formatVersion)"
    for layer in layers {
      text += "\u{1}"
      for file in layer { text += file.name + "\u{3}" }
    }
    for group in lexiconGroups { text += "\u{4}" + group.map(\.rawValue).sorted().joined(separator: ",") }
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { fastHash($0, seed: UInt64(formatVersion)) }
  }

  /// The hash of where the sources are: with it a file's size and time vouch for it.
  static func pathKey(layers: [[SourceFile]]) -> UInt64 {
    let text = layers.map { $0.map(\.path).joined(separator: "\u{2}") }.joined(separator: "\u{1}")
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { fastHash($0, seed: UInt64(formatVersion)) }
  }

  /// Writes one warning line to standard error.
  static func warn(_ message: String) {
    var line = "warning: \(message)\n"
    line.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
  }

  /// Removes compiled files of other format versions, then the least recently used of
  /// this version while the directory holds more than `byteLimit` bytes of them;
  /// `current`, just used, always stays.
  static func pruneCache(in directory: String, keeping current: String, byteLimit: Int64 = cacheByteLimit) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    let currentPrefix = "gazetteers-v\(formatVersion)-"
    var ours: [(path: String, used: Date, size: Int64)] = []
    for name in names where name.hasPrefix("gazetteers-v") && name.hasSuffix(".bin") {
      let path = (directory as NSString).appendingPathComponent(name)
      guard name.hasPrefix(currentPrefix) else {
        unlink(path)
        continue
      }
      let attributes = try? FileManager.default.attributesOfItem(atPath: path)
      let used = attributes?[.modificationDate] as? Date ?? .distantPast
      let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
      ours.append((path, used, size))
    }
    ours.sort { $0.used > $1.used }
    var total: Int64 = ours.reduce(0) { $0 + $1.size }
    for file in ours.reversed() where total > byteLimit && file.path != current {
      unlink(file.path)
      total -= file.size
    }
  }

  /// The default cache directory: `$EEX_CACHE_DIR`, else `$XDG_CACHE_HOME` or
  /// `~/.cache`, under `swift-entity-extraction`.
  static var defaultCacheDirectory: String? {
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment["EEX_CACHE_DIR"] { return explicit.isEmpty ? nil : explicit }
    if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
      return (xdg as NSString).appendingPathComponent("swift-entity-extraction")
    }
    if let home = environment["HOME"], !home.isEmpty {
      return (home as NSString).appendingPathComponent(".cache/swift-entity-extraction")
    }
    return nil
  }
}

extension Gazetteer {
  /// Lists every `*.tsv` file under a directory, recursively, in path order, with its
  /// size and modification time; reads none.
  static func listDirectory(_ directory: String, namePrefix: String? = nil) throws(GazetteerError) -> [SourceFile] {
    let prefix = namePrefix ?? (directory.hasSuffix("/") ? directory : directory + "/")
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw GazetteerError(.unreadable("not a readable directory"), sourceName: directory, line: 0)
    }
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
      throw GazetteerError(.unreadable("cannot list directory"), sourceName: directory, line: 0)
    }
    var relativePaths: [String] = []
    while let next = enumerator.nextObject() as? String {
      if next.hasSuffix(".tsv") { relativePaths.append(next) }
    }
    relativePaths.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var files: [SourceFile] = []
    for relative in relativePaths {
      let path = (directory as NSString).appendingPathComponent(relative)
      var status = stat()
      guard stat(path, &status) == 0 else {
        throw GazetteerError(
          .unreadable("cannot read file: \(String(cString: strerror(errno)))"), sourceName: prefix + relative, line: 0)
      }
      files.append(
        SourceFile(
          name: prefix + relative, path: path, size: Int64(status.st_size),
          modifiedSeconds: Int64(status.st_mtim.tv_sec), modifiedNanoseconds: Int64(status.st_mtim.tv_nsec)))
    }
    return files
  }

  /// Reads every `*.tsv` file under a directory, recursively, in path order, as bytes.
  static func readDirectory(_ directory: String, namePrefix: String? = nil)
    throws(GazetteerError) -> [(name: String, bytes: [UInt8])]
  {
    var files: [(name: String, bytes: [UInt8])] = []
    for var file in try listDirectory(directory, namePrefix: namePrefix) { files.append((file.name, try file.read())) }
    return files
  }
}
