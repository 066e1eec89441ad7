import Foundation

/// One input of `annotate` after directories are expanded: a path to read, or a path that
/// the walk could not use, with the reason, to be reported in its place.
enum InputPath: Equatable {
  case path(String)
  case unreadable(path: String, reason: String)
}

/// Finds the files with an extension in a directory tree, and says what it could not use.
///
/// - Entries are read in byte order of their names, recursively, hidden ones included;
///   the result is in byte order of the whole paths.
/// - Symbolic links are followed, to files and to directories, but a directory is entered
///   only once (by device and inode): a link back to an ancestor, or a second link to a
///   directory already walked, is not followed again, so loops end.
/// - A file reached by several paths (symbolic or hard links) is listed once, under the
///   first of its paths in byte order.
/// - Nothing is dropped silently: a directory that cannot be listed, and an entry whose
///   name has the extension but that is a dangling link, a link loop, not a regular file
///   (a FIFO, a socket, a device), cannot be examined, or has a name that is not UTF-8,
///   becomes an ``InputPath/unreadable(path:reason:)`` naming it. (An entry without the
///   extension is skipped, unless it is a directory that cannot be examined.)
struct DirectoryWalk {
  /// A file's identity on this machine.
  private struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ status: stat) {
      device = UInt64(truncatingIfNeeded: status.st_dev)
      inode = UInt64(truncatingIfNeeded: status.st_ino)
    }
  }

  /// A walk result before the files reached twice are dropped.
  private enum Found {
    case file(String, FileIdentity)
    case unreadable(String, reason: String)

    var path: String {
      switch self {
      case .file(let path, _), .unreadable(let path, _): return path
      }
    }
  }

  private let suffix: String
  private var entered: Set<FileIdentity> = []
  private var found: [Found] = []

  private init(suffix: String) { self.suffix = suffix }

  /// The inputs under `root`, a directory, for files named `*.fileExtension`.
  static func inputs(under root: String, fileExtension: String) -> [InputPath] {
    var walk = DirectoryWalk(suffix: "." + fileExtension)
    var status = stat()
    guard stat(root, &status) == 0 else {
      return [.unreadable(path: root, reason: Self.reason(errno))]
    }
    walk.enter(root, FileIdentity(status))
    let ordered = walk.found.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    var listed: Set<FileIdentity> = []
    return ordered.compactMap { found in
      switch found {
      case .file(let path, let identity):
        return listed.insert(identity).inserted ? .path(path) : nil
      case .unreadable(let path, let reason):
        return .unreadable(path: path, reason: reason)
      }
    }
  }

  /// Lists the directory at `path` and walks into its subdirectories, unless it was
  /// entered before.
  private mutating func enter(_ path: String, _ identity: FileIdentity) {
    guard entered.insert(identity).inserted else { return }
    guard let stream = opendir(path) else {
      found.append(.unreadable(path, reason: "cannot list directory: \(Self.reason(errno))"))
      return
    }
    var entries: [(name: [UInt8], isDirectory: Bool)] = []
    while true {
      errno = 0
      guard let entry = readdir(stream) else {
        if errno != 0 {
          found.append(
            .unreadable(path, reason: "cannot list all of the directory: \(Self.reason(errno))"))
        }
        break
      }
      // d_name is a NUL-terminated array inside the entry, valid until the next readdir.
      let name = withUnsafeBytes(of: &entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
      if name == [0x2E] || name == [0x2E, 0x2E] { continue }
      entries.append((name, Int32(entry.pointee.d_type) == Int32(DT_DIR)))
    }
    closedir(stream)
    let directoryPath = path.hasSuffix("/") ? path : path + "/"
    for (name, isDirectory) in entries.sorted(by: { $0.name.lexicographicallyPrecedes($1.name) }) {
      let wanted =
        name.count >= suffix.utf8.count && name.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
      guard let decoded = String(validating: name, as: UTF8.self) else {
        if wanted || isDirectory {
          found.append(
            .unreadable(
              directoryPath + String(decoding: name, as: UTF8.self),
              reason: "the name is not valid UTF-8, so it cannot be given as an ID"))
        }
        continue
      }
      visit(directoryPath + decoded, wanted: wanted, listedAsDirectory: isDirectory)
    }
  }

  /// Looks at one directory entry (following a symbolic link) and records or enters it.
  private mutating func visit(_ path: String, wanted: Bool, listedAsDirectory: Bool) {
    var status = stat()
    guard stat(path, &status) == 0 else {
      let error = errno
      guard wanted || listedAsDirectory else { return }
      found.append(.unreadable(path, reason: Self.linkReason(path, error) ?? Self.reason(error)))
      return
    }
    switch status.st_mode & S_IFMT {
    case S_IFDIR:
      enter(path, FileIdentity(status))
    case S_IFREG where wanted:
      found.append(.file(path, FileIdentity(status)))
    case _ where wanted:
      found.append(
        .unreadable(path, reason: "not a regular file (\(Self.kind(of: status.st_mode)))"))
    default:
      break
    }
  }

  /// Why `stat` failed on a symbolic link (dangling, or a loop of links), or `nil` when
  /// `path` is not a link.
  private static func linkReason(_ path: String, _ error: Int32) -> String? {
    var status = stat()
    guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return nil }
    var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink(path, &target, target.count - 1)
    let to =
      length > 0
      ? " to \(String(decoding: target.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self))"
      : ""
    switch error {
    case ENOENT: return "dangling symbolic link\(to): the target does not exist"
    case ELOOP: return "symbolic link\(to) in a loop of links"
    default: return "symbolic link\(to): \(reason(error))"
    }
  }

  /// The system's description of `error`, in lower case ("permission denied").
  private static func reason(_ error: Int32) -> String {
    let text = String(cString: strerror(error))
    return text.prefix(1).lowercased() + text.dropFirst()
  }

  /// What sort of file a mode says, for the error of a file that is not a regular file.
  private static func kind(of mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFIFO: return "a FIFO"
    case S_IFSOCK: return "a socket"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    default: return "mode \(String(mode, radix: 8))"
    }
  }
}
