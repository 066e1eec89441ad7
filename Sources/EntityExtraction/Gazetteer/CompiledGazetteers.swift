import Foundation

/// The gazetteers an extractor loads, compiled: every entry, the name matcher over the
/// entries that are names, and the vocabulary it made.
///
/// Compiling 240,000 entries takes about half a second, so the result is cached on disk,
/// keyed by a hash of every gazetteer file's name and bytes (and the format version):
/// later extractors read the arrays back instead of parsing and compiling, and any
/// change to any file makes a new key. The cache is an optimisation only — a missing,
/// unreadable, stale or corrupt cache file is ignored and rebuilt, and an unwritable
/// cache directory just means no cache.
struct CompiledGazetteers {
  var store: GazetteerStore
  var matcher: GazetteerMatcher
  var vocabulary: Vocabulary

  /// Bumped whenever the layout of anything written to the cache changes.
  static let formatVersion: UInt64 = 6

  /// Loads (from the cache when possible) and compiles the gazetteers.
  ///
  /// - Parameters:
  ///   - files: Layers of gazetteer files: each a list of (source name, bytes).
  ///   - memory: Gazetteers made in code, the last layer (disables the cache).
  ///   - isName: Whether a label's entries go to the name matcher (others are lexicons).
  ///   - cacheDirectory: Where compiled gazetteers are cached; `nil` for no cache.
  static func load(
    files: [[(name: String, bytes: [UInt8])]], memory: [Gazetteer], segmenter: WordSegmenter,
    isName: @escaping (EntityLabel) -> Bool, nameLabelsKey: String, cacheDirectory: String?
  ) throws(GazetteerError) -> CompiledGazetteers {
    let allFiles = files.flatMap { $0 }
    var cachePath: String?
    if let cacheDirectory, memory.isEmpty {
      var key = fastHash(UnsafeBufferPointer(start: nil, count: 0), seed: formatVersion)
      for layer in files {
        key = key &* 31 &+ UInt64(layer.count)
        for file in layer {
          var name = file.name
          key = name.withUTF8 { fastHash($0, seed: key) }
          key = file.bytes.withUnsafeBufferPointer { fastHash($0, seed: key) }
        }
      }
      var labelsKey = nameLabelsKey
      key = labelsKey.withUTF8 { fastHash($0, seed: key) }
      let hex = String(key, radix: 16)
      cachePath = (cacheDirectory as NSString).appendingPathComponent("gazetteers-v\(formatVersion)-\(hex).bin")
      if let path = cachePath, let cached = read(path, files: allFiles.map(\.bytes)) {
        utimes(path, nil)  // recently used: kept when the cache is pruned
        return cached
      }
    }
    // Parse, validate, merge and compile.
    var layers: [[GazetteerStore.Source]] = []
    for layer in files {
      var sources: [GazetteerStore.Source] = []
      for file in layer { sources.append(.file(try RawGazetteer(bytes: file.bytes, sourceName: file.name))) }
      layers.append(sources)
    }
    if !memory.isEmpty { layers.append(memory.map { .memory($0) }) }
    let store = try GazetteerStore(layers: layers)
    let names = store.indices(where: isName)
    var vocabulary = Vocabulary()
    let matcher = GazetteerMatcher(store: store.subset(names), segmenter: segmenter, vocabulary: &vocabulary)
    let compiled = CompiledGazetteers(store: store, matcher: matcher, vocabulary: vocabulary)
    if let cachePath { compiled.write(to: cachePath, nameIndices: names) }
    return compiled
  }

  private static func read(_ path: String, files: [[UInt8]]) -> CompiledGazetteers? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return nil }
    var reader = BinaryReader(descriptor: descriptor, size: Int(status.st_size))
    do {
      guard try reader.read(UInt64.self) == formatVersion else { return nil }
      let store = try GazetteerStore(decoding: &reader, files: files)
      let names: [Int32] = try reader.readArray()
      guard names.allSatisfy({ $0 >= 0 && Int($0) < store.count }) else { return nil }
      let matcher = try GazetteerMatcher(store: store.subset(names), decodingTrie: &reader)
      let vocabulary = try Vocabulary(decoding: &reader)
      guard reader.isAtEnd else { return nil }
      return CompiledGazetteers(store: store, matcher: matcher, vocabulary: vocabulary)
    } catch {
      return nil
    }
  }

  private func write(to path: String, nameIndices: [Int32]) {
    let directory = (path as NSString).deletingLastPathComponent
    let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp"
    guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil
    else { return }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { return }
    var writer = BinaryWriter(descriptor: descriptor)
    writer.write(Self.formatVersion)
    let complete = store.encode(into: &writer)
    if complete {
      writer.write(nameIndices)
      matcher.encodeTrie(into: &writer)
      vocabulary.encode(into: &writer)
      writer.flush()
    }
    close(descriptor)
    // rename(2) is atomic: a concurrent reader sees the old file or the whole new one.
    if !complete || writer.failed || rename(temporary, path) != 0 {
      unlink(temporary)
      return
    }
    Self.pruneCache(in: directory, keeping: path)
  }

  /// How many compiled files the cache keeps: one per gazetteer configuration in use
  /// (bundled only, bundled plus a user directory…), each about 85 MB.
  static let cachedFileLimit = 4

  /// Removes cache files of other format versions, and all but the
  /// ``cachedFileLimit`` most recently used of this version: every gazetteer edit makes
  /// a new file, and the old ones would otherwise pile up.
  static func pruneCache(in directory: String, keeping current: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    let currentPrefix = "gazetteers-v\(formatVersion)-"
    var ours: [(path: String, used: Date)] = []
    for name in names where name.hasPrefix("gazetteers-v") && name.hasSuffix(".bin") {
      let path = (directory as NSString).appendingPathComponent(name)
      guard name.hasPrefix(currentPrefix) else {
        unlink(path)
        continue
      }
      let used = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
      ours.append((path, used ?? .distantPast))
    }
    ours.sort { $0.used > $1.used }
    for (index, file) in ours.enumerated() where index >= cachedFileLimit && file.path != current {
      unlink(file.path)
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
  /// Reads every `*.tsv` file under a directory, recursively, in path order, as bytes.
  static func readDirectory(_ directory: String, namePrefix: String? = nil)
    throws(GazetteerError) -> [(name: String, bytes: [UInt8])]
  {
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
    var files: [(name: String, bytes: [UInt8])] = []
    for relative in relativePaths {
      let path = (directory as NSString).appendingPathComponent(relative)
      files.append((prefix + relative, try readFile(path, sourceName: prefix + relative)))
    }
    return files
  }
}
