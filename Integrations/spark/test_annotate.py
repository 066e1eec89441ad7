#!/usr/bin/env python3
"""Tests for annotate.py, the Spark job around `entities annotate`.

    python3 -m unittest Integrations/spark/test_annotate.py      # or run this file

The wrapper tests need only a POSIX shell. The Spark tests need pyspark (in the running
Python) and Java, and the `entities` binary: $ENTITIES, else .build/debug/entities or
.build/release/entities of this checkout. They run the job in local[2] mode over the
development corpora when ../shared/corpora is beside the checkout (else over Samples/),
with bad lines added on purpose, and compare its output with a local run. Whatever is
missing makes them skip with the reason. Run as a script, the last line printed is
"N passed, N failed".
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import annotate  # noqa: E402

JOB = os.path.join(HERE, "annotate.py")
CORPORA = os.path.join(os.path.dirname(ROOT), "shared", "corpora")


def find_binary():
    """The entities binary the Spark tests run, or None."""
    candidates = [os.environ.get("ENTITIES", "")] + [
        os.path.join(ROOT, ".build", kind, "entities") for kind in ("debug", "release")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def records(lines, source="f.jsonl"):
    """(source, line number, payload) records for annotate_partition."""
    return [(source, number, line) for number, line in enumerate(lines, 1)]


def run_with_timeout(function, seconds=120):
    """Runs function in a thread; fails the test if it has not returned in time (a hang)."""
    outcome = {}

    def target():
        try:
            outcome["value"] = function()
        except BaseException as error:  # handed to the test below
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise AssertionError(f"still running after {seconds} s: a pipe is hanging")
    return outcome


class RenumberTests(unittest.TestCase):
    """Error lines get the input file's line number and name, not the partition's."""

    def test_error_line_without_id(self):
        out = annotate.renumber(b'{"line":2,"error":"-:2: blank line"}', 2, "in/a.jsonl", 4102)
        self.assertEqual(out, b'{"line":4102,"error":"in/a.jsonl:4102: blank line"}')

    def test_error_line_after_an_id_that_looks_like_a_line_member(self):
        line = b'{"id":{"a":"\\"line\\":1,"},"line":1,"error":"-:1: no string \\"text\\" member"}'
        out = annotate.renumber(line, 1, "x.jsonl", 9)
        self.assertEqual(
            out, b'{"id":{"a":"\\"line\\":1,"},"line":9,"error":"x.jsonl:9: no string \\"text\\" member"}')

    def test_document_without_id_keeps_its_entities(self):
        out = annotate.renumber(b'{"line":1,"meta":{"line":1},"entities":[]}', 1, "x", 77)
        self.assertEqual(out, b'{"line":77,"meta":{"line":1},"entities":[]}')

    def test_numeric_id_and_a_source_needing_escapes(self):
        out = annotate.renumber(b'{"id":5,"line":3,"error":"-:3: blank line"}', 3, 'd"ir/é.jsonl', 8)
        self.assertEqual(out, '{"id":5,"line":8,"error":"d\\"ir/é.jsonl:8: blank line"}'.encode())

    def test_lines_without_a_line_member_are_unchanged(self):
        for line in (b'{"id":"a","entities":[]}', b'{"id":"a","text":"\\"line\\":3"}',
                     b'{"id":"a","entities":[{"text":"line"}]}'):
            self.assertEqual(annotate.renumber(line, 3, "x", 10), line)

    def test_is_error_line_reads_the_top_level_only(self):
        self.assertTrue(annotate.is_error_line(b'{"id":"a","error":"x: no such file"}'))
        self.assertFalse(annotate.is_error_line(b'{"id":"a","meta":{"error":"x"},"entities":[]}'))
        self.assertFalse(annotate.is_error_line(b'{"id":"a","entities":[]}'))


class ReferenceDateFieldTests(unittest.TestCase):
    """--reference-date-field copies a date into "reference_date", the line otherwise as sent."""

    def test_copies_the_date_in_front(self):
        line = b'{"id":"a","published":"2024-03-05","n":2.50,"text":"x"}'
        self.assertEqual(annotate.with_reference_date(line, "published"),
                         b'{"reference_date":"2024-03-05","id":"a","published":"2024-03-05",'
                         b'"n":2.50,"text":"x"}')

    def test_a_timestamp_gives_its_date(self):
        line = b' {"published":"2024-03-05T10:00:00Z","text":"x"}'
        self.assertEqual(annotate.with_reference_date(line, "published"),
                         b' {"reference_date":"2024-03-05","published":"2024-03-05T10:00:00Z","text":"x"}')

    def test_leaves_other_lines_alone(self):
        for line in (b'{"reference_date":"2020-01-01","published":"2024-03-05","text":"x"}',
                     b'{"published":"last week","text":"x"}', b'{"text":"x"}', b'not json',
                     b'', b'["published"]', b'{"published":20240305,"text":"x"}'):
            self.assertEqual(annotate.with_reference_date(line, "published"), line)


class PartitionWrapperTests(unittest.TestCase):
    """annotate_partition with shell commands standing in for the tool."""

    def test_lines_pass_through_in_order_and_are_counted(self):
        lines = [b'{"id":"%d","text":"x"}' % i for i in range(5)] + [b'{"line":6,"error":"-:6: e"}']
        stats = {}
        out = list(annotate.annotate_partition(["cat"], records(lines), label="p", stats=stats))
        self.assertEqual(out[:5], lines[:5])
        self.assertEqual(out[5], b'{"line":6,"error":"f.jsonl:6: e"}')
        self.assertEqual((stats["lines_in"], stats["lines_out"], stats["error_lines"]), (6, 6, 1))

    def test_fewer_lines_fail_with_the_partition_and_standard_error(self):
        command = ["sh", "-c", "head -n 2; echo 'tool gave up' >&2"]
        lines = [b'{"text":"a%d"}' % i for i in range(50)]
        with self.assertRaises(annotate.PartitionFailure) as caught:
            list(annotate.annotate_partition(command, records(lines), label="partition 3 of 7"))
        message = str(caught.exception)
        self.assertIn("partition 3 of 7 (lines 1-50 of f.jsonl)", message)
        self.assertIn("stopped early", message)
        self.assertIn("tool gave up", message)

    def test_more_lines_fail(self):
        with self.assertRaises(annotate.PartitionFailure) as caught:
            list(annotate.annotate_partition(["sh", "-c", "cat; echo extra"],
                                             records([b"{}"]), label="p"))
        self.assertIn("more lines", str(caught.exception))

    def test_status_1_without_an_error_line_fails(self):
        with self.assertRaises(annotate.PartitionFailure) as caught:
            list(annotate.annotate_partition(["sh", "-c", "cat; exit 1"],
                                             records([b'{"id":"a","entities":[]}']), label="p"))
        self.assertIn("exited with status 1", str(caught.exception))

    def test_status_1_with_an_error_line_is_the_tool_reporting_it(self):
        stats = {}
        lines = [b'{"id":"a","entities":[]}', b'{"line":2,"error":"-:2: blank line"}']
        out = list(annotate.annotate_partition(["sh", "-c", "cat; exit 1"], records(lines),
                                               label="p", stats=stats))
        self.assertEqual(len(out), 2)
        self.assertEqual(stats["error_lines"], 1)

    def test_a_signal_fails(self):
        command = ["sh", "-c", "read line; echo \"$line\"; kill -9 $$"]
        with self.assertRaises(annotate.PartitionFailure) as caught:
            list(annotate.annotate_partition(command, records([b"{}", b"{}"]), label="p"))
        self.assertIn("signal 9", str(caught.exception))

    def test_an_upstream_error_stops_the_tool_and_is_raised(self):
        def failing():
            yield ("f", 1, b'{"text":"a"}')
            yield ("f", 2, b'{"text":"b"}')
            raise ValueError("the input broke")

        outcome = run_with_timeout(lambda: list(annotate.annotate_partition(
            ["cat"], failing(), label="p")))
        self.assertIsInstance(outcome.get("error"), ValueError)

    def test_an_upstream_error_ends_a_tool_that_waits_for_the_end_of_its_input(self):
        # sort writes nothing before its input ends, and the shell's child outlives a
        # kill of the shell alone: the whole process group has to go.
        def failing():
            yield ("f", 1, b'{"text":"a"}')
            raise ValueError("the input broke")

        outcome = run_with_timeout(lambda: list(annotate.annotate_partition(
            ["sh", "-c", "sort; sleep 60"], failing(), label="p")), seconds=30)
        self.assertIsInstance(outcome.get("error"), ValueError)

    def test_large_partitions_and_chatty_standard_error_stream(self):
        lines = [b'{"id":"%d","text":"%s"}' % (i, b"w" * (i % 300)) for i in range(100_000)]
        command = ["sh", "-c", "head -c 2000000 /dev/zero | tr '\\0' e >&2; cat"]
        outcome = run_with_timeout(lambda: sum(1 for _ in annotate.annotate_partition(
            command, records(lines), label="p")))
        self.assertEqual(outcome.get("value"), 100_000, outcome.get("error"))

    def test_a_consumer_that_stops_early_ends_the_tool(self):
        directory = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, directory)
        pid_file = os.path.join(directory, "pid")
        command = ["sh", "-c", f"echo $$ > {pid_file}; exec cat"]
        generator = annotate.annotate_partition(command, records([b"{}"] * 1000), label="p")
        next(generator)
        generator.close()
        with open(pid_file) as handle:
            pid = int(handle.read())
        with self.assertRaises(ProcessLookupError):
            os.kill(pid, 0)

    def test_ready_lines_keep_their_place(self):
        inputs = [("a", 1, b'{"text":"1"}'), annotate.Ready("b", 1, b'{"id":"b","error":"b: bad"}'),
                  ("c", 1, b'{"text":"3"}')]
        stats = {}
        out = list(annotate.annotate_partition(["cat"], inputs, label="p", stats=stats))
        self.assertEqual(out, [b'{"text":"1"}', b'{"id":"b","error":"b: bad"}', b'{"text":"3"}'])
        self.assertEqual(stats["error_lines"], 1)


def spark_skip_reason():
    """Why the Spark tests cannot run here, or None."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java (java on PATH or JAVA_HOME)"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed in this Python (.ci/run makes a venv with it)"
    if find_binary() is None:
        return "no entities binary (swift build, or set ENTITIES)"
    return None


def write_bad_lines(path):
    """Appends the lines a corpus must survive: each gives one line of output, in place."""
    with open(path, "ab") as handle:
        handle.write(b'{"id": "bad-json", "text": "unterminated\n')  # invalid JSON
        handle.write(b'{"id": "bad-number", "text": 1234}\n')  # text that is a number
        handle.write(b"\n")  # an empty line
        handle.write(b'{"id": "bad-utf8", "text": "Kabul \xff\xfe"}\n')  # not UTF-8
        handle.write(b"[1, 2]\n")  # not an object
        separator = "Troops left Kandahar.\u2028Talks resumed in Doha on Monday."
        handle.write(json.dumps({"id": "u2028", "text": separator}, ensure_ascii=False)
                     .encode() + b"\n")  # U+2028 inside a line is text
        handle.write(b'{"id": "crlf", "text": "Rain fell on Quetta."}\r\n')  # a CR stays
        handle.write(b'{"text": "A document with no id, about Lahore."}\n')


def build_corpus(directory):
    """Writes the test input: the corpora's texts (or the samples'), with bad lines.

    Returns the list of input files, in the order the job reads them.
    """
    sources = sorted(glob.glob(os.path.join(CORPORA, "*.jsonl")))
    if not sources:
        sources = [os.path.join(ROOT, "Samples", "samples.jsonl")]
    files = []
    for index, source in enumerate(sources):
        target = os.path.join(directory, f"{index:02d}-{os.path.basename(source)}")
        with open(source, encoding="utf-8") as src, open(target, "w", encoding="utf-8") as dst:
            for line in src:
                document = json.loads(line)
                kept = {k: document[k] for k in ("id", "text", "reference_date") if k in document}
                dst.write(json.dumps(kept, ensure_ascii=False) + "\n")
            if index == 0:
                # The sample texts as documents too, so a clone without corpora has several.
                for path in sorted(glob.glob(os.path.join(ROOT, "Samples", "*.txt"))):
                    with open(path, encoding="utf-8") as handle:
                        text = handle.read()
                    dst.write(json.dumps({"id": os.path.basename(path), "text": text},
                                         ensure_ascii=False) + "\n")
        write_bad_lines(target)
        files.append(target)
    with open(files[-1], "ab") as handle:  # the last line without its newline
        handle.write(b'{"id": "last", "text": "Floods reached Sukkur."}')
    return files


def run_job(arguments, env=None):
    """Runs annotate.py in local[2] mode; returns the completed process."""
    command = [sys.executable, JOB, "--master", "local[2]"] + arguments
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)


@unittest.skipIf(spark_skip_reason(), spark_skip_reason() or "")
class SparkJobTests(unittest.TestCase):
    """The job in local[2] mode gives what a local run gives, and fails loudly."""

    @classmethod
    def setUpClass(cls):
        cls.binary = find_binary()
        cls.work = tempfile.mkdtemp(prefix="entities-spark-test-")
        cls.input = os.path.join(cls.work, "in")
        os.mkdir(cls.input)
        cls.files = build_corpus(cls.input)
        # The local run compiles the gazetteers into its cache: the job ships that file.
        cls.cache = os.path.join(cls.work, "cache")
        env = dict(os.environ, EEX_CACHE_DIR=cls.cache)
        local = subprocess.run(
            [cls.binary, "annotate", "--input-format", "jsonl", "--format", "jsonl"] + cls.files,
            capture_output=True, env=env, timeout=900)
        assert local.returncode == 1, local.stderr  # the bad lines are reported
        cls.expected = local.stdout
        cls.compiled = glob.glob(os.path.join(cls.cache, "gazetteers-v*.bin"))[0]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_output_is_the_local_runs_in_order_error_lines_included(self):
        output = os.path.join(self.work, "out")
        summary_path = os.path.join(self.work, "summary.json")
        # Small splits: files are cut into several blocks, packed by Spark out of order.
        run = run_job(["--entities", self.binary, "--input", self.input, "--output", output,
                       "--compiled", self.compiled, "--partitions", "3", "--summary",
                       summary_path, "--conf", "spark.sql.files.maxPartitionBytes=200000"])
        self.assertEqual(run.returncode, 1, run.stderr)  # complete, with error lines
        parts = sorted(glob.glob(os.path.join(output, "part-*")))
        self.assertEqual(len(parts), 3)
        got = b"".join(open(part, "rb").read() for part in parts)
        expected_lines = self.expected.splitlines()
        self.assertEqual(len(got.splitlines()), len(expected_lines))
        for number, (mine, theirs) in enumerate(zip(got.splitlines(), expected_lines), 1):
            self.assertEqual(mine, theirs, f"output line {number} differs")
        self.assertEqual(got, self.expected)
        with open(summary_path, encoding="utf-8") as handle:
            summary = json.load(handle)
        errors = sum(1 for line in expected_lines if "error" in json.loads(line))
        self.assertGreaterEqual(errors, 5 * len(self.files))
        self.assertEqual(summary["error_lines"], errors)
        self.assertEqual(summary["lines_in"], len(expected_lines))
        self.assertEqual(summary["documents_annotated"], len(expected_lines) - errors)
        self.assertEqual(summary["partitions_that_compiled"], 0)
        self.assertIn(f"{errors:,} error lines", run.stderr)

    def test_a_tool_that_dies_midway_fails_the_job_naming_the_partition(self):
        source = self.files[0]
        with open(source, "rb") as handle:
            lines = handle.read().split(b"\n")
        lines = (lines * (40 // len(lines) + 1))[:40]  # the samples alone are fewer
        marker_line = 25
        lines[marker_line - 1] = b'{"id": "crash-here", "text": "The tool dies at this line."}'
        crash_input = os.path.join(self.work, "crash.jsonl")
        with open(crash_input, "wb") as handle:
            handle.write(b"\n".join(lines) + b"\n")
        # Stands in for a crash: annotates what came before the marker, then exits 1. It
        # also checks that the executor's environment reached it (PATH, HOME, and a
        # variable set with spark.executorEnv).
        wrapper = os.path.join(self.work, "crashing-entities")
        with open(wrapper, "w") as handle:
            handle.write("""#!/bin/sh
input=$(mktemp)
cat > "$input"
# The driver's check runs it on no input, outside Spark.
if [ -s "$input" ] && { [ "$EEX_SPARK_PROBE" != passed ] || [ -z "$HOME" ] || [ -z "$PATH" ]; }; then
  echo "the environment did not reach the tool" >&2; exit 3
fi
if grep -q crash-here "$input"; then
  sed '/crash-here/,$d' "$input" | "@ENTITIES@" "$@"
  rm -f "$input"
  echo "simulated crash: stopped at the marker line" >&2
  exit 1
fi
"@ENTITIES@" "$@" < "$input"
status=$?
rm -f "$input"
exit $status
""".replace("@ENTITIES@", self.binary))
        os.chmod(wrapper, 0o755)
        output = os.path.join(self.work, "crash-out")
        run = run_job(["--entities", wrapper, "--input", crash_input, "--output", output,
                       "--compiled", self.compiled,
                       "--conf", "spark.sql.files.maxPartitionBytes=8192",
                       "--conf", "spark.executorEnv.EEX_SPARK_PROBE=passed"])
        self.assertEqual(run.returncode, annotate.EXIT_JOB_FAILED, run.stderr)
        message = run.stderr[run.stderr.index("the job failed"):]
        self.assertIn("simulated crash", message)
        self.assertNotIn("environment did not reach", message)
        # One file in small splits: tasks that read it in order, no sort.
        where = re.search(r"partition \d+ of (\d+) \(lines (\d+)-(\d+) of ", message)
        self.assertIsNotNone(where, message)
        partitions, first, last = map(int, where.groups())
        self.assertGreater(partitions, 2)
        self.assertLessEqual(first, marker_line)
        self.assertGreaterEqual(last, marker_line)
        self.assertIn(crash_input, message)

    def test_text_files_to_parquet_with_entities_nested(self):
        samples = os.path.join(self.work, "texts")
        shutil.copytree(os.path.join(ROOT, "Samples"), samples)
        with open(os.path.join(samples, "not-utf8.txt"), "wb") as handle:
            handle.write(b"Flooding in Dhaka \xff\n")
        output = os.path.join(self.work, "parquet")
        run = run_job(["--entities", self.binary, "--input", samples, "--output", output,
                       "--input-format", "text", "--output-format", "parquet",
                       "--compiled", self.compiled])
        self.assertEqual(run.returncode, 1, run.stderr)  # the file that is not UTF-8
        texts = sorted(glob.glob(os.path.join(samples, "*.txt")))
        local = subprocess.run([self.binary, "annotate", "--format", "jsonl"] + texts,
                               capture_output=True, timeout=600,
                               env=dict(os.environ, EEX_CACHE_DIR=self.cache))
        expected = [json.loads(line) for line in local.stdout.splitlines()]

        from pyspark.sql import SparkSession

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        spark = (SparkSession.builder.master("local[1]")
                 .config("spark.driver.host", "127.0.0.1")
                 .config("spark.driver.bindAddress", "127.0.0.1")
                 .config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false").getOrCreate())
        try:
            rows = []
            for part in sorted(glob.glob(os.path.join(output, "part-*.parquet"))):
                rows += [row.asDict(recursive=True) for row in spark.read.parquet(part).collect()]
        finally:
            spark.stop()
        self.assertEqual([os.path.basename(row["id"]) for row in rows],
                         [os.path.basename(e["id"]) for e in expected])
        for row, theirs in zip(rows, expected):
            self.assertEqual(without_nulls(row.get("entities")), without_nulls(theirs.get("entities")))
            self.assertEqual(row.get("error") is None, "error" not in theirs)
        self.assertIn("invalid UTF-8 at byte 18", rows[-1]["error"])


def without_nulls(value):
    """The value with null members dropped (Parquet's schema gives every row every field)."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def main():
    """Runs the tests verbosely and ends with the line "N passed, N failed"."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
