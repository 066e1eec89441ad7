#!/usr/bin/env python3
"""Self-checks for Scripts/check-doc-comments.py.

Plain asserts, standard library only, no pytest:

    python3 Scripts/test_check_doc_comments.py

Each check writes small Swift snippets to a temporary directory, runs the script on
them as a command, and compares what it reports (the `file:line: public X has no doc
comment` lines and the exit status) with what the snippet's comments say. The last check
runs the script on the repository's own sources, which must pass.

The last line printed is "N passed, M failed"; the exit status is 1 if any check failed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "check-doc-comments.py")
TMP = tempfile.mkdtemp(prefix="doc-comment-check-test-")
CHECKS = []


def check(function):
    """Register a check."""
    CHECKS.append(function)
    return function


def run(*paths: str) -> tuple[int, list[str]]:
    """Runs the script on `paths`; returns its exit status and its report lines."""
    result = subprocess.run(
        [sys.executable, SCRIPT, *paths], capture_output=True, text=True, cwd=TMP)
    return result.returncode, [line for line in result.stdout.splitlines() if line]


def report_for(source: str, name: str = "Fixture.swift") -> tuple[int, list[str]]:
    """Writes `source` (dedented) to a fresh directory and checks that directory."""
    directory = tempfile.mkdtemp(dir=TMP)
    with open(os.path.join(directory, name), "w", encoding="utf-8") as handle:
        handle.write(textwrap.dedent(source).lstrip("\n"))
    status, lines = run(directory)
    # Keep "line: message", without the temporary directory.
    return status, [line.split(name + ":", 1)[1] for line in lines]


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------

@check
def documented_declarations_pass():
    status, lines = report_for("""
        /// A thing.
        public struct Thing {
          /// Its size.
          public var size: Int
          /// Creates a thing.
          public init(size: Int) { self.size = size }
          /**
           Doubles it.
           */
          public func doubled() -> Thing { Thing(size: size * 2) }
        }
        """)
    assert status == 0, (status, lines)
    assert lines == [], lines


@check
def each_kind_of_undocumented_declaration_is_reported():
    status, lines = report_for("""
        public struct Box {
          public var width: Int
          public let height: Int
          public static let empty = Box(width: 0, height: 0)
          public private(set) var depth = 0
          public init?(side: Int) { return nil }
          public subscript(index: Int) -> Int { index }
          public func area() -> Int { width * height }
          public mutating func grow() {}
          public static func < (lhs: Box, rhs: Box) -> Bool { true }
          public typealias Size = Int
        }
        public final class Shelf {}
        open class Cupboard {}
        public protocol Container {}
        public enum Shape {}
        public typealias Boxes = [Box]
        public func makeBox() -> Box? { nil }
        """)
    assert status == 1, status
    assert lines == [
        "1: public struct Box has no doc comment",
        "2: public var width has no doc comment",
        "3: public let height has no doc comment",
        "4: public let empty has no doc comment",
        "5: public var depth has no doc comment",
        "6: public init init has no doc comment",
        "7: public subscript subscript has no doc comment",
        "8: public func area has no doc comment",
        "9: public func grow has no doc comment",
        "10: public func < has no doc comment",
        "11: public typealias Size has no doc comment",
        "13: public class Shelf has no doc comment",
        "14: public class Cupboard has no doc comment",
        "15: public protocol Container has no doc comment",
        "16: public enum Shape has no doc comment",
        "17: public typealias Boxes has no doc comment",
        "18: public func makeBox has no doc comment",
    ], lines


@check
def attributes_may_stand_between_comment_and_declaration():
    status, lines = report_for("""
        /// Documented.
        @inlinable
        @discardableResult
        public func one() -> Int { 1 }
        /// Documented, attribute on the same line.
        @inlinable public func two() -> Int { 2 }
        /// Documented, multi-line attribute.
        @available(
          *, deprecated,
          message: "use one()")
        public func three() -> Int { 3 }
        @inlinable
        public func four() -> Int { 4 }
        """)
    assert lines == ["13: public func four has no doc comment"], lines
    assert status == 1


@check
def plain_comments_and_gaps_do_not_count():
    status, lines = report_for("""
        // Not a doc comment.
        public func one() {}
        /* Not a doc comment either. */
        public func two() {}
        /// Separated by a blank line.

        public func three() {}
        /**/
        public func four() {}
        """)
    assert lines == [
        "2: public func one has no doc comment",
        "4: public func two has no doc comment",
        "7: public func three has no doc comment",
        "9: public func four has no doc comment",
    ], lines
    assert status == 1


@check
def underscored_names_and_their_members_are_skipped():
    status, lines = report_for("""
        public struct _Hidden {
          public init() {}
          public func visible() {}
          public struct Inner { public var x = 0 }
        }
        extension _Hidden {
          public func more() {}
        }
        /// Shown.
        public struct Shown {
          public func _internalHook() {}
          public var _storage = 0
        }
        public func _helper() {}
        """)
    assert status == 0, lines
    assert lines == [], lines


@check
def cases_of_public_enums_only():
    status, lines = report_for("""
        /// Public.
        public enum Colour {
          /// Documented.
          case red
          case green, blue
          case custom(String)
          indirect case mixed(Colour, Colour)

          /// A switch's cases are not declarations.
          public var isRed: Bool {
            switch self {
            case .red: return true
            default: return false
            }
          }
        }
        enum Internal {
          case one
        }
        """)
    assert lines == [
        "5: public case green has no doc comment",
        "6: public case custom has no doc comment",
        "7: public case mixed has no doc comment",
    ], lines
    assert status == 1


@check
def protocol_requirements_are_public():
    status, lines = report_for("""
        /// Public.
        public protocol Shape {
          /// Documented.
          var area: Double { get }
          var name: String { get }
          associatedtype Unit
          func scaled(by factor: Double) -> Self
        }
        protocol InternalShape {
          var area: Double { get }
        }
        """)
    assert lines == [
        "5: public var name has no doc comment",
        "6: public associatedtype Unit has no doc comment",
        "7: public func scaled has no doc comment",
    ], lines
    assert status == 1


@check
def extension_members():
    status, lines = report_for("""
        /// Public.
        public struct Point { var x = 0 }
        extension Point {
          public var isOrigin: Bool { x == 0 }
          var internalOnly: Int { 0 }
        }
        public extension Point {
          var doubled: Int { x * 2 }
          private var secret: Int { 1 }
          internal var alsoHidden: Int { 2 }
        }
        private extension Point {
          var hidden: Int { 3 }
        }
        extension String {
          public var shouted: String { uppercased() }
        }
        """)
    assert lines == [
        "4: public var isOrigin has no doc comment",
        "8: public var doubled has no doc comment",
        "16: public var shouted has no doc comment",
    ], lines
    assert status == 1


@check
def public_members_of_internal_types_are_not_api():
    status, lines = report_for("""
        struct Internal {
          public var description: String { "" }
          public struct Nested { public init() {} }
        }
        extension Internal {
          public func helper() {}
        }
        /// Public.
        public struct Outer {
          struct Private { public var x = 0 }
        }
        """)
    assert status == 0, lines
    assert lines == [], lines


@check
def code_inside_bodies_and_strings_is_ignored():
    status, lines = report_for('''
        /// Documented.
        public func render() -> String {
          let open = "{ public func fake() {"
          let raw = #"} public var alsoFake = "{"#
          let block = """
            }
            public struct NotReal {
            """
          let nested = "\\(["{": 1].count) } {"
          /* { nested /* } */ public func commented() {} */
          return open + raw + block + nested
        }
        public func after() {}
        ''')
    assert lines == ["13: public func after has no doc comment"], lines
    assert status == 1


@check
def types_declared_in_other_files_decide_extension_visibility():
    directory = tempfile.mkdtemp(dir=TMP)
    with open(os.path.join(directory, "A.swift"), "w", encoding="utf-8") as handle:
        handle.write("/// Public.\npublic struct Shown {}\nstruct Hidden {}\n")
    with open(os.path.join(directory, "B.swift"), "w", encoding="utf-8") as handle:
        handle.write(
            "extension Shown {\n  public func a() {}\n}\n"
            "extension Hidden {\n  public func b() {}\n}\n")
    status, lines = run(directory)
    assert status == 1
    assert [line.split(os.sep)[-1] for line in lines] == [
        "B.swift:2: public func a has no doc comment"
    ], lines


@check
def the_repository_passes():
    status, lines = run()
    assert status == 0, "\n".join(lines)


# --------------------------------------------------------------------------

def main() -> int:
    passed = failed = 0
    for function in CHECKS:
        try:
            function()
            passed += 1
        except Exception:
            failed += 1
            print(f"FAIL {function.__name__}")
            traceback.print_exc()
    shutil.rmtree(TMP, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
