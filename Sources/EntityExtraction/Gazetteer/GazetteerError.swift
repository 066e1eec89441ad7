/// A problem found while reading gazetteer text.
///
/// Its `description` reads `path:line: problem`, the form compilers use, so a person
/// (or an editor) can jump to the offending line.
public struct GazetteerError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kinds of problem a gazetteer can have.
  public enum Kind: Hashable, Sendable {
    /// A line has fewer than 3 or more than 5 TAB-separated fields.
    case wrongFieldCount(Int)
    /// A required field (`name`, `type`, `id`, or an alias) is empty.
    case emptyField(String)
    /// The type is not `[a-z][a-z0-9_]*`.
    case invalidType(String)
    /// The ID has characters outside `[A-Za-z0-9_.:/+-]`.
    case invalidID(String)
    /// An attribute is not `key=value` with a `[a-z][a-z0-9_]*` key.
    case malformedAttribute(String)
    /// A known attribute has a value of the wrong form.
    case invalidAttributeValue(key: String, value: String, expected: String)
    /// An attribute key appears twice on one line.
    case duplicateAttribute(String)
    /// A surface has leading or trailing white space, or is only white space.
    case untrimmedSurface(String)
    /// The same type and ID were defined earlier in the same gazetteer set.
    case duplicateEntry(firstSource: String, firstLine: Int)
    /// The file is not valid UTF-8 at the given byte offset of the line.
    case invalidUTF8(byteOffset: Int)
    /// The file or directory could not be read.
    case unreadable(String)
  }

  /// What is wrong.
  public var kind: Kind
  /// The name the caller gave the source, such as a file path.
  public var sourceName: String
  /// The 1-based line number of the offending entry; 0 for problems with a whole file.
  public var line: Int

  /// Creates an error.
  public init(_ kind: Kind, sourceName: String, line: Int) {
    self.kind = kind
    self.sourceName = sourceName
    self.line = line
  }

  /// The problem as `source:line: what is wrong`, or `source: what is wrong` for a whole
  /// file (when ``line`` is 0).
  public var description: String {
    let detail: String
    switch kind {
    case .wrongFieldCount(let count):
      detail = "expected 3 to 5 TAB-separated fields (name, type, id, aliases, attributes), found \(count)"
    case .emptyField(let field): detail = "empty \(field)"
    case .invalidType(let type): detail = "invalid type '\(type)' (expected [a-z][a-z0-9_]*)"
    case .invalidID(let id): detail = "invalid id '\(id)' (expected [A-Za-z0-9_.:/+-]+)"
    case .malformedAttribute(let text): detail = "malformed attribute '\(text)' (expected key=value)"
    case .invalidAttributeValue(let key, let value, let expected):
      detail = "attribute '\(key)' has value '\(value)', expected \(expected)"
    case .duplicateAttribute(let key): detail = "attribute '\(key)' given twice"
    case .untrimmedSurface(let surface): detail = "surface '\(surface)' has leading or trailing white space"
    case .duplicateEntry(let source, let firstLine):
      detail = source == sourceName
        ? "duplicate of line \(firstLine)" : "duplicate of \(source):\(firstLine)"
    case .invalidUTF8(let offset): detail = "invalid UTF-8 at byte \(offset) of the line"
    case .unreadable(let reason): detail = reason
    }
    return line > 0 ? "\(sourceName):\(line): \(detail)" : "\(sourceName): \(detail)"
  }
}
