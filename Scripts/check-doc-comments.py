#!/usr/bin/env python3
"""Checks that every public declaration of the library has a doc comment.

    python3 Scripts/check-doc-comments.py [PATH...]

PATHs are Swift files or directories searched recursively for *.swift; by default
Sources/EntityExtraction and Sources/EntityEvaluation of this repository. Standard
library only.

A declaration is checked when it is part of the public API:

- it is declared `public` or `open` (func, var, let, init, subscript, struct, class,
  enum, protocol, actor, typealias, associatedtype, macro...), or
- it has no access modifier and is a member of a `public extension`, a requirement of a
  public protocol, or a `case` of a public enum;

and it is not hidden: declarations whose name starts with `_`, and everything inside a
type or extension whose name starts with `_`, carry no API promise and are skipped, as
are `public` members of types that are not themselves public, members of `private`,
`fileprivate` or `internal` extensions, and `@_spi` declarations.

A declaration has a doc comment when the line directly above it (attribute lines such
as `@inlinable` may come between) is a `///` comment or ends a `/** ... */` block. A
blank line or a plain `//` comment in between does not count.

Each declaration without one is printed as

    path:line: public func name has no doc comment

and the exit status is 1 if there is any, else 0.

Limits: this is a line-based scanner, not a Swift parser. It strips comments and string
literals (including multi-line, raw and interpolated ones) before looking at braces,
expects each declaration's keywords to start a line, and expects multi-line attributes
to have each line start with `@` or be enclosed in the attribute's parentheses.
"""

from __future__ import annotations

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_PATHS = [
    os.path.join(ROOT, "Sources", "EntityExtraction"),
    os.path.join(ROOT, "Sources", "EntityEvaluation"),
]

TYPE_KEYWORDS = {"struct", "class", "enum", "protocol", "extension", "actor"}
MODIFIERS = (
    r"(?:public|open|internal|private|fileprivate|package)(?:\(set\))?"
    r"|static|class|final|override|mutating|nonmutating|convenience|required|lazy"
    r"|weak|unowned(?:\((?:safe|unsafe)\))?|dynamic|indirect|nonisolated(?:\(unsafe\))?"
    r"|isolated|consuming|borrowing|distributed|prefix|postfix|infix|optional"
)
DECLARATION = re.compile(
    r"^\s*(?P<attributes>(?:@[\w.]+(?:\([^()]*(?:\([^()]*\)[^()]*)*\))?\s*)*)"
    r"(?P<modifiers>(?:(?:" + MODIFIERS + r")\s+)*)"
    r"(?P<keyword>func|var|let|init|deinit|subscript|struct|class|enum|protocol|extension"
    r"|actor|typealias|associatedtype|case|macro|operator|precedencegroup)(?![\w])"
    r"(?P<rest>.*)$"
)
ACCESS = re.compile(r"\b(public|open|internal|private|fileprivate|package)\b(?!\(set\))")


# --------------------------------------------------------------------------
# Removing comments and string literals
# --------------------------------------------------------------------------

def strip_comments_and_strings(source: str) -> str:
    """Returns `source` with comments and string literals blanked out.

    Every character of a comment or string becomes a space, except newlines, so line
    numbers and columns stay the same. Code inside string interpolations is kept.
    """
    out = list(source)
    length = len(source)

    def blank(start: int, end: int) -> None:
        for k in range(start, min(end, length)):
            if out[k] != "\n":
                out[k] = " "

    def skip_block_comment(i: int) -> int:
        # Swift block comments nest.
        depth = 0
        j = i
        while j < length:
            if source.startswith("/*", j):
                depth += 1
                j += 2
            elif source.startswith("*/", j):
                depth -= 1
                j += 2
                if depth == 0:
                    return j
            else:
                j += 1
        return length

    def skip_string(i: int) -> int:
        """`i` is at the first `#` or quote of a literal; returns the index after it."""
        hashes = 0
        j = i
        while j < length and source[j] == "#":
            hashes += 1
            j += 1
        multiline = source.startswith('"""', j)
        j += 3 if multiline else 1
        closing = ('"""' if multiline else '"') + "#" * hashes
        escape = "\\" + "#" * hashes
        blank(i, j)
        while j < length:
            if source.startswith(escape, j):
                k = j + len(escape)
                if k < length and source[k] == "(":
                    # Interpolation: code up to the matching parenthesis.
                    blank(j, k + 1)
                    j = scan_code(k + 1, stop_at_paren=True)
                    if j < length:
                        blank(j, j + 1)
                        j += 1
                    continue
                blank(j, k + 1)
                j = k + 1
                continue
            if source.startswith(closing, j):
                blank(j, j + len(closing))
                return j + len(closing)
            if not multiline and source[j] == "\n":
                return j  # unterminated single-line literal: stop at the line end
            blank(j, j + 1)
            j += 1
        return length

    def scan_code(i: int, stop_at_paren: bool = False) -> int:
        """Scans code from `i`; with `stop_at_paren`, returns at the unmatched `)`."""
        depth = 0
        j = i
        while j < length:
            c = source[j]
            if source.startswith("//", j):
                end = source.find("\n", j)
                end = length if end < 0 else end
                blank(j, end)
                j = end
            elif source.startswith("/*", j):
                end = skip_block_comment(j)
                blank(j, end)
                j = end
            elif c == '"' or (c == "#" and re.match(r'#+"', source[j:j + 8])):
                j = skip_string(j)
            elif stop_at_paren and c == "(":
                depth += 1
                j += 1
            elif stop_at_paren and c == ")":
                if depth == 0:
                    return j
                depth -= 1
                j += 1
            else:
                j += 1
        return length

    scan_code(0)
    return "".join(out)


# --------------------------------------------------------------------------
# Scanning declarations
# --------------------------------------------------------------------------

class Scope:
    """A brace-delimited region: a type or extension body, or code."""

    def __init__(self, kind: str, name: str = "", public: bool = False,
                 access: str | None = None, hidden: bool = False):
        self.kind = kind          # "struct", "enum", "protocol", "extension", ... or "code"
        self.name = name
        self.public = public      # members can be public API
        self.access = access      # the extension's or type's explicit access keyword
        self.hidden = hidden      # underscored, or inside something underscored


def declared_name(keyword: str, rest: str) -> str:
    """The name a declaration introduces, from the text after its keyword."""
    rest = rest.strip()
    if keyword in ("init", "deinit", "subscript"):
        return keyword
    if keyword == "extension":
        match = re.match(r"([\w.]+)", rest)
        return match.group(1) if match else ""
    match = re.match(r"`?([\w]+)`?", rest)
    if match:
        return match.group(1)
    # Operators: `func == (…)`, `static func < (…)`.
    match = re.match(r"([^\s(]+)", rest)
    return match.group(1) if match else ""


def collect_type_access(files: list[str]) -> dict[str, bool]:
    """Maps every type declared in `files` (by simple and dotted name) to whether it is
    public, so that extensions know whether their members are API."""
    types: dict[str, bool] = {}
    for path in files:
        with open(path, encoding="utf-8") as handle:
            code = strip_comments_and_strings(handle.read())
        stack: list[tuple[str, bool]] = []  # (qualified name or "", public)
        pending: tuple[str, bool] | None = None
        for line in code.split("\n"):
            match = DECLARATION.match(line)
            if match and match.group("keyword") in TYPE_KEYWORDS and (
                not stack or stack[-1][0] != ""
            ):
                keyword = match.group("keyword")
                name = declared_name(keyword, match.group("rest"))
                access = ACCESS.search(match.group("modifiers"))
                is_public = bool(access) and access.group(1) in ("public", "open")
                if keyword == "extension":
                    pending = (name, types.get(name, True))
                else:
                    outer = stack[-1][0] if stack else ""
                    qualified = f"{outer}.{name}" if outer else name
                    parent_public = stack[-1][1] if stack else True
                    types[qualified] = is_public and parent_public
                    types.setdefault(name, is_public and parent_public)
                    pending = (qualified, is_public and parent_public)
            for c in line:
                if c == "{":
                    stack.append(pending if pending else ("", False))
                    pending = None
                elif c == "}" and stack:
                    stack.pop()
    return types


def has_doc_comment(lines: list[str], index: int) -> bool:
    """Whether the declaration starting on line `index` has a doc comment directly
    above it, attribute lines allowed in between."""
    j = index - 1
    while j >= 0:
        start = attribute_start(lines, j)
        if start is None:
            break
        j = start - 1
    if j < 0:
        return False
    text = lines[j].strip()
    if text.startswith("///"):
        return True
    if text.endswith("*/"):
        # Find where the block starts; it must open with `/**` (and not be `/**/`).
        k = j
        while k >= 0:
            start = lines[k].rfind("/*", 0, len(lines[k]) - 2 if k == j else len(lines[k]))
            if start >= 0:
                opener = lines[k][start:]
                return opener.startswith("/**") and not opener.startswith("/**/")
            k -= 1
    return False


def attribute_start(lines: list[str], index: int) -> int | None:
    """If line `index` is an attribute line, or the last line of a multi-line attribute
    such as `@available(...)`, returns the line where the attribute starts."""
    text = lines[index].strip()
    if text.startswith("@"):
        return index
    if not text.endswith(")"):
        return None
    depth = 0
    for k in range(index, -1, -1):
        line = lines[k]
        depth += line.count(")") - line.count("(")
        if depth <= 0:
            return k if line.strip().startswith("@") else None
    return None


def check_file(path: str, display: str, types: dict[str, bool]) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    lines = source.split("\n")
    code_lines = strip_comments_and_strings(source).split("\n")
    problems: list[str] = []
    stack: list[Scope] = []
    pending: Scope | None = None
    attribute_depth = 0  # inside a multi-line attribute's parentheses

    for number, line in enumerate(code_lines):
        innermost = stack[-1] if stack else None
        in_code = innermost is not None and innermost.kind == "code"
        match = None if attribute_depth or in_code else DECLARATION.match(line)
        if match:
            keyword = match.group("keyword")
            attributes = match.group("attributes")
            modifiers = match.group("modifiers")
            name = declared_name(keyword, match.group("rest"))
            access_match = ACCESS.search(modifiers)
            access = access_match.group(1) if access_match else None
            enclosing_public = innermost.public if innermost else True
            enclosing_hidden = innermost.hidden if innermost else False

            if access in ("public", "open"):
                is_public = enclosing_public
            elif access is None and innermost is not None and innermost.public:
                is_public = (
                    innermost.kind == "protocol"
                    or (innermost.kind == "extension" and innermost.access in ("public", "open"))
                    or (innermost.kind == "enum" and keyword == "case")
                )
            else:
                is_public = False
            # `case` only declares enum cases directly inside an enum.
            if keyword == "case" and (innermost is None or innermost.kind != "enum"):
                is_public = False
            if keyword == "extension":
                is_public = False  # an extension itself needs no comment; its members do
            hidden = enclosing_hidden or name.startswith("_") or "@_spi" in attributes

            if is_public and not hidden and not has_doc_comment(lines, number):
                problems.append(
                    f"{display}:{number + 1}: public {keyword} {name} has no doc comment")

            if keyword in TYPE_KEYWORDS:
                if keyword == "extension":
                    extended_public = types.get(name, True)
                    scope_public = extended_public and access not in (
                        "private", "fileprivate", "internal", "package")
                    last = name.split(".")[-1]
                    scope_hidden = any(part.startswith("_") for part in name.split("."))
                    pending = Scope("extension", last, scope_public, access,
                                    scope_hidden or enclosing_hidden)
                else:
                    type_public = access in ("public", "open") and enclosing_public
                    pending = Scope(keyword, name, type_public, access, hidden)

        # Track braces, and parentheses of attributes that span lines.
        stripped = line.strip()
        if attribute_depth or (stripped.startswith("@") and not match):
            attribute_depth += line.count("(") - line.count(")")
            attribute_depth = max(attribute_depth, 0)
        for c in line:
            if c == "{":
                stack.append(pending if pending else Scope("code"))
                pending = None
            elif c == "}" and stack:
                stack.pop()
    return problems


def swift_files(paths: list[str]) -> list[str]:
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for directory, subdirectories, names in os.walk(path):
                subdirectories.sort()
                files.extend(
                    os.path.join(directory, name) for name in sorted(names) if name.endswith(".swift"))
        elif path.endswith(".swift"):
            files.append(path)
        else:
            print(f"{path}: not a Swift file or directory", file=sys.stderr)
            sys.exit(2)
    return files


def main(arguments: list[str]) -> int:
    paths = arguments or DEFAULT_PATHS
    files = swift_files(paths)
    types = collect_type_access(files)
    problems: list[str] = []
    for path in files:
        display = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
        problems.extend(check_file(path, display, types))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} public declaration(s) without a doc comment", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
