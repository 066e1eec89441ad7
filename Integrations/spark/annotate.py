#!/usr/bin/env python3
"""Annotate a corpus with `entities` under Apache Spark.

    python annotate.py --entities BINARY --input IN --output OUT_DIR [--master local[2]]
                       [--compiled FILE] [-- annotate options...]

Reads JSONL ({"id", "text", "reference_date"?} per line) or text files from any path
Spark can read, sends each partition through
`BINARY annotate --input-format jsonl --format jsonl` on the executors, and writes OUT_DIR:
JSONL part files (part-00000, part-00001, ...) whose concatenation in part order is the
output in input order, one line per input line, error lines included. Input order is the
input files in byte order of their paths, each file's lines in order.

Every partition is checked: lines in = lines out, and the tool's exit status. A tool that
exits non-zero without having written an error line, crashes, or writes fewer or more
lines fails the task with the partition, its line range and the tool's standard error.
Error lines ({"line": N, "error": ...}, {"id": ..., "error": ...}) are kept and counted
in the summary printed at the end. Line numbers and source names in the output are those
of the input files, as a local `entities annotate --input-format jsonl FILE` run gives
them, not those of a partition.

Exit status: 0 when every line was annotated, 1 when the output is complete but some
lines are error lines, 2 for a usage error (refused before Spark starts), 3 when the job
failed (the output directory is then incomplete).

See README.md beside this file for running it on a cluster.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

EXIT_OK, EXIT_ERROR_LINES, EXIT_USAGE, EXIT_JOB_FAILED = 0, 1, 2, 3

# SwiftPM puts the bundled gazetteers in this directory beside the binary.
RESOURCES_BUNDLE = "swift-entity-extraction__EntityExtractionResources.resources"
# The names the tool gives its compiled-gazetteer files in $EEX_CACHE_DIR.
COMPILED_NAME = re.compile(r"^gazetteers-v\d+-[0-9a-f]+\.bin$")
# Options the job sets itself; passing them after `--` would break the line contract.
RESERVED_OPTIONS = ("--format", "--input-format", "--output-dir", "--jobs")
# How much of the tool's standard error a failure message quotes.
STDERR_QUOTE_BYTES = 8192
# How many error lines each partition keeps for the summary.
ERROR_SAMPLES_PER_PARTITION = 3
# The default size of a partition, in input bytes.
DEFAULT_PARTITION_BYTES = 64 * 1024 * 1024
# A failure message ends here, so the driver can cut it out of a Java stack trace.
FAILURE_END = "--- end of its standard error ---"


class PartitionFailure(RuntimeError):
    """A partition whose tool run lost, added or could not produce lines."""


class Ready:
    """An input record the wrapper answers itself, with `line` as its output line."""

    __slots__ = ("source", "line_number", "line")

    def __init__(self, source, line_number, line):
        self.source, self.line_number, self.line = source, line_number, line


def renumber(out: bytes, local: int, source: str, line_number: int) -> bytes:
    """Gives an output line the input file's line number and name instead of the partition's.

    The tool numbers the lines of its standard input from 1 and names it "-", so a
    partition's error line reads {"line": 3, "error": "-:3: blank line"}; a local run
    over the file says {"line": 1203, "error": "x.jsonl:1203: blank line"}. The tool
    writes "line" right after the opening brace or after the "id" value, and an error
    message starts with "SOURCE:LINE: ".
    """
    if b'"line":' not in out:
        return out
    text = out.decode("utf-8")
    position = 1
    if text.startswith('{"id":'):
        _, position = json.JSONDecoder().raw_decode(text, 6)
        if not text.startswith(",", position):
            return out
        position += 1
    key = f'"line":{local}'
    if not text.startswith(key, position) or text[position + len(key)] not in ",}":
        return out
    head, tail = text[:position], text[position + len(key):]
    old_message = f',"error":"-:{local}: '
    if tail.startswith(old_message):
        escaped = json.dumps(source, ensure_ascii=False)[1:-1]
        tail = f',"error":"{escaped}:{line_number}: ' + tail[len(old_message):]
    return f'{head}"line":{line_number}{tail}'.encode("utf-8")


def is_error_line(out: bytes) -> bool:
    """Whether an output line is an error line (a top-level "error" member)."""
    if b'"error":' not in out:
        return False
    try:
        value = json.loads(out)
    except ValueError:
        return False
    return isinstance(value, dict) and "error" in value


def describe_range(label, first, last):
    """Names a partition and the input lines it holds."""
    if first is None:
        return f"{label} (no lines)"
    if first[0] == last[0]:
        return f"{label} (lines {first[1]}-{last[1]} of {first[0]})"
    return f"{label} (from line {first[1]} of {first[0]} to line {last[1]} of {last[0]})"


def annotate_partition(command, records, *, label, cwd=None, env=None, stats=None):
    """Sends records through one `entities` process and yields its output lines, in order.

    `records` yields (source, line_number, payload) tuples, payload being the JSONL line
    without its newline, or `Ready` objects, whose line is yielded as it is at their place.
    Standard input is written from a thread, standard output read here line by line, so a
    partition of any size streams; standard error goes to a temporary file (a full pipe
    would block the tool). When the input iterator raises, the tool is killed and the
    error raised here; when the consumer stops early, the tool is killed too.

    Raises `PartitionFailure` when the tool wrote fewer or more lines than it was sent,
    exited with a signal, with a status other than 0 or 1, or with 1 (some documents
    could not be annotated) without having written an error line.
    """
    stats = {} if stats is None else stats
    started = time.monotonic()
    pending = queue.Queue()
    end_of_input = object()
    writer_failure = []
    counts = {"sent": 0, "bytes": 0, "first": None, "last": None}
    stderr_file = tempfile.TemporaryFile()
    # Its own process group, so that a wrapper script's children die with it (one left
    # behind would hold standard output open, and reading it would never end).
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr_file,
        cwd=cwd, env=env, start_new_session=True)

    def kill():
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def write_input():
        broken = False
        try:
            for record in records:
                if isinstance(record, Ready):
                    where = (record.source, record.line_number)
                    pending.put(record)
                else:
                    source, line_number, payload = record
                    where = (source, line_number)
                    counts["bytes"] += len(payload) + 1
                    pending.put(where)
                    if not broken:
                        try:
                            process.stdin.write(payload)
                            process.stdin.write(b"\n")
                        except (BrokenPipeError, OSError):
                            broken = True  # the tool is gone; count the rest for the message
                if counts["first"] is None:
                    counts["first"] = where
                counts["last"] = where
                counts["sent"] += 1
        except BaseException as error:  # an upstream failure: stop the tool, report it
            writer_failure.append(error)
            kill()
        finally:
            try:
                process.stdin.close()
            except OSError:
                pass
            pending.put(end_of_input)

    writer = threading.Thread(target=write_input, name=f"entities stdin ({label})", daemon=True)
    writer.start()
    lines_out = errors = 0
    samples = []

    def fail(problem):
        kill()
        process.wait()
        writer.join()
        stderr_file.seek(0, os.SEEK_END)
        size = stderr_file.tell()
        stderr_file.seek(max(0, size - STDERR_QUOTE_BYTES))
        quoted = stderr_file.read().decode("utf-8", "replace").rstrip("\n")
        place = describe_range(label, counts["first"], counts["last"])
        cut = " (its end)" if size > STDERR_QUOTE_BYTES else ""
        raise PartitionFailure(
            f"{place}: {problem}; {counts['sent']} lines were sent, {lines_out} came back\n"
            f"--- entities' standard error{cut} ---\n{quoted}\n{FAILURE_END}")

    try:
        while True:
            entry = pending.get()
            if entry is end_of_input:
                break
            if isinstance(entry, Ready):
                lines_out += 1
                if is_error_line(entry.line):
                    errors += 1
                    if len(samples) < ERROR_SAMPLES_PER_PARTITION:
                        samples.append(entry.line.decode("utf-8"))
                yield entry.line
                continue
            out = process.stdout.readline()
            if not out.endswith(b"\n"):
                try:
                    status = process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    status = None  # it closed its output but goes on: fail() kills it
                writer.join()
                if writer_failure:
                    break
                fail(f"entities stopped early ({exit_description(status)})")
            lines_out += 1
            source, line_number = entry
            try:
                out = renumber(out[:-1], lines_out, source, line_number)
                if is_error_line(out):
                    errors += 1
                    if len(samples) < ERROR_SAMPLES_PER_PARTITION:
                        samples.append(out.decode("utf-8"))
            except UnicodeDecodeError:
                fail(f"entities wrote a line that is not UTF-8 for line {line_number} of {source}")
            yield out
        writer.join()
        if writer_failure:
            kill()
            process.wait()
            raise writer_failure[0]
        extra = process.stdout.readline()
        status = process.wait()
        if extra:
            fail("entities wrote more lines than it was sent")
        if status != 0 and not (status == 1 and errors > 0):
            fail(f"entities {exit_description(status)}")
        stats.update(
            lines_in=counts["sent"], lines_out=lines_out, bytes_in=counts["bytes"],
            error_lines=errors, error_samples=samples, first=counts["first"],
            last=counts["last"], seconds=time.monotonic() - started, exit_status=status)
    finally:
        if process.poll() is None:
            kill()
            process.wait()
        writer.join(timeout=60)
        process.stdout.close()
        stderr_file.close()


def exit_description(status):
    """Says how a process ended, from its `returncode`."""
    if status is None:
        return "is still running"
    if status < 0:
        return f"was killed by signal {-status}"
    return f"exited with status {status}"


# ---- the driver ---------------------------------------------------------------------


def parse_arguments(argv):
    """Reads the command line; options after `--` go to `entities annotate`."""
    if "--" in argv:
        split = argv.index("--")
        argv, passthrough = argv[:split], argv[split + 1:]
    else:
        passthrough = []
    parser = argparse.ArgumentParser(
        prog="annotate.py",
        description="Annotate JSONL or text files with `entities` under Apache Spark.",
        epilog="Options after `--` are passed to `entities annotate` (for example "
        "-- --reference-date 2024-05-01 --offsets utf8).")
    parser.add_argument("--entities", required=True, metavar="BINARY",
                        help="the entities binary (shipped to the executors unless --no-ship)")
    parser.add_argument("--input", required=True, metavar="IN",
                        help="a file, directory (read recursively) or glob Spark can read")
    parser.add_argument("--output", required=True, metavar="OUT_DIR",
                        help="directory to write; it must not exist (see --overwrite)")
    parser.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    parser.add_argument("--compiled", metavar="FILE",
                        help="a compiled-gazetteer file the tool wrote into $EEX_CACHE_DIR "
                        "(gazetteers-vN-HASH.bin), shipped so no executor compiles")
    parser.add_argument("--gazetteers", action="append", default=[], metavar="DIR",
                        help="a directory of extra gazetteer files, shipped; repeatable")
    parser.add_argument("--types", help="only these types, comma-separated (the tool's --types)")
    parser.add_argument("--reference-date-field", default="reference_date", metavar="NAME",
                        help="the input field holding each document's publication date "
                        "(YYYY-MM-DD, or a timestamp starting so); default reference_date")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="entities workers per Spark task (its --jobs), also "
                        "spark.task.cpus: an executor with C cores runs C/N tasks (default 1)")
    parser.add_argument("--input-format", choices=("jsonl", "text"), default="jsonl",
                        help="jsonl (default): one document per line; text: one per file")
    parser.add_argument("--extension", default="txt",
                        help="with --input-format text, the file extension read (default txt)")
    parser.add_argument("--output-format", choices=("jsonl", "parquet"), default="jsonl",
                        help="jsonl (default) or parquet (entities as a nested column)")
    parser.add_argument("--partitions", type=int, metavar="N",
                        help="number of partitions, the input sorted into them (default: "
                        "Spark's file splits when in input order, else one per 64 MB of "
                        "input, at least Spark's default parallelism)")
    parser.add_argument("--no-ship", dest="ship", action="store_false",
                        help="do not ship BINARY, --gazetteers and --compiled: they are at "
                        "the same paths on every executor (a shared path, a container image)")
    parser.add_argument("--overwrite", action="store_true", help="replace OUT_DIR if it exists")
    parser.add_argument("--summary", metavar="FILE",
                        help="also write the summary as JSON to this local file")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                        help="a Spark setting; repeatable")
    args = parser.parse_args(argv)
    args.passthrough = passthrough
    for option in passthrough:
        if option.split("=", 1)[0] in RESERVED_OPTIONS:
            parser.error(f"{option} after `--`: the job sets --format, --input-format and "
                         "--jobs itself (use --workers); --output-dir is for brat")
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.partitions is not None and args.partitions < 1:
        parser.error("--partitions must be at least 1")
    for setting in args.conf:
        if "=" not in setting:
            parser.error(f"--conf {setting}: write KEY=VALUE")
    if args.compiled and not COMPILED_NAME.match(os.path.basename(args.compiled)):
        parser.error(f"--compiled {args.compiled}: the tool finds a compiled file by its "
                     "name, gazetteers-vN-HASH.bin, as it wrote it into $EEX_CACHE_DIR")
    names = [os.path.basename(os.path.normpath(d)) for d in args.gazetteers]
    if args.ship and len(set(names)) != len(names):
        parser.error("--gazetteers directories are shipped by their last path component, "
                     "which must differ")
    return args


def tool_options(args, gazetteer_names):
    """The `entities annotate` command line, after the binary, for one partition."""
    options = ["annotate", "--input-format", "jsonl", "--format", "jsonl",
               "--jobs", str(args.workers)]
    if args.types:
        options += ["--types", args.types]
    for name in gazetteer_names:
        options += ["--gazetteers", name]
    return options + args.passthrough + ["-"]


def preflight(args):
    """Runs the tool once on the driver, on no input, with the executors' options.

    Refuses a bad option (the tool's exit status 2), a binary that does not run, and a
    --compiled file that is not the one these gazetteers compile to, before Spark starts.
    With shipping, the layout is the executors' (gazetteer directories by their last
    path component, beside the compiled file), so the cache key is theirs. Returns an
    error message, or None.
    """
    if not os.path.exists(args.entities):
        if args.ship:
            return f"--entities {args.entities}: no such file"
        return None  # only on the executors' shared path; nothing to check here
    with tempfile.TemporaryDirectory(prefix="entities-spark-") as layout:
        names = list(args.gazetteers)
        if args.ship:
            names = []
            for directory in args.gazetteers:
                name = os.path.basename(os.path.normpath(directory))
                # A copy, as on the executors (the tool reads nothing through a link to
                # a directory).
                shutil.copytree(directory, os.path.join(layout, name))
                names.append(name)
        env = dict(os.environ)
        cache = os.path.join(layout, "cache")
        if args.compiled:
            if not os.path.isfile(args.compiled):
                return f"--compiled {args.compiled}: no such file"
            os.mkdir(cache)
            os.symlink(os.path.abspath(args.compiled),
                       os.path.join(cache, os.path.basename(args.compiled)))
            env["EEX_CACHE_DIR"] = cache
        command = [os.path.abspath(args.entities)] + tool_options(args, names)
        try:
            run = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,
                                 cwd=layout if args.ship else None, env=env, timeout=600)
        except OSError as error:
            return f"--entities {args.entities}: cannot run it: {error}"
        if run.returncode != 0 or run.stdout:
            detail = run.stderr.decode("utf-8", "replace").strip()
            if run.stdout:
                detail += "\n(it wrote output on no input: is a path among the options?)"
            return f"`{' '.join(command)}` on no input {exit_description(run.returncode)}:\n{detail}"
        if args.compiled and sorted(os.listdir(cache)) != [os.path.basename(args.compiled)]:
            return (f"--compiled {args.compiled} is not what this binary compiles these "
                    "gazetteers to (it compiled its own); make it again with the same "
                    "binary and --gazetteers")
    return None


def failure_message(error):
    """Cuts a `PartitionFailure`'s message out of what Py4J reports, else the error's text."""
    text = str(error)
    start = text.find("PartitionFailure: ")
    if start >= 0:
        start += len("PartitionFailure: ")
        end = text.find(FAILURE_END, start)
        return text[start:end].rstrip() if end >= 0 else text[start:]
    return text


def display_name(path, single_input):
    """The name error lines give a file: the --input as given when it is one file."""
    if single_input is not None:
        return single_input
    if path.startswith("file://"):
        path = path[len("file://"):]
    elif path.startswith("file:"):
        path = path[len("file:"):]
    from urllib.parse import unquote

    return unquote(path)


def date_prefix(value):
    """The YYYY-MM-DD a reference-date field starts with, or None."""
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}($|[T ])", value):
        return value[:10]
    return None


def with_reference_date(payload, field):
    """Copies `field` into "reference_date" at the front of a JSONL line, when it has one.

    The line is otherwise sent as it is (not re-serialized); a line that is not an object,
    has a "reference_date" already, or no date in `field`, is left alone.
    """
    try:
        value = json.loads(payload)
    except ValueError:
        return payload
    if not isinstance(value, dict) or "reference_date" in value:
        return payload
    date = date_prefix(value.get(field))
    if date is None:
        return payload
    brace = payload.index(b"{")
    return payload[:brace + 1] + b'"reference_date":"' + date.encode() + b'",' + payload[brace + 1:]


def text_document(path, content, name):
    """The JSONL line for one text file, or a `Ready` error line if it is not UTF-8."""
    try:
        text = bytes(content).decode("utf-8")
    except UnicodeDecodeError as error:
        line = json.dumps({"id": name, "error": f"{name}: invalid UTF-8 at byte {error.start}"},
                          ensure_ascii=False, separators=(",", ":"))
        return Ready(name, 1, line.encode("utf-8"))
    line = json.dumps({"id": name, "text": text}, ensure_ascii=False, separators=(",", ":"))
    return (name, 1, line.encode("utf-8"))


class PartitionStats:
    """An accumulator of per-partition statistics, keyed by partition index.

    A retried or recomputed task replaces its partition's entry instead of adding to it,
    so the totals count every partition once.
    """

    @staticmethod
    def make(sc):
        from pyspark.accumulators import AccumulatorParam

        class Param(AccumulatorParam):
            def zero(self, value):
                return {}

            def addInPlace(self, left, right):
                left.update(right)
                return left

        return sc.accumulator({}, Param())


def summarize(partitions, seconds, args):
    """Totals the per-partition statistics into the summary dict."""
    total = collections.Counter()
    samples = []
    for index in sorted(partitions):
        entry = partitions[index]
        for key in ("lines_in", "lines_out", "bytes_in", "error_lines"):
            total[key] += entry[key]
        samples += entry["error_samples"]
    megabytes = total["bytes_in"] / 1e6
    return {
        "input": args.input, "output": args.output, "partitions": len(partitions),
        "lines_in": total["lines_in"], "lines_out": total["lines_out"],
        "documents_annotated": total["lines_out"] - total["error_lines"],
        "error_lines": total["error_lines"], "error_samples": samples[:10],
        "input_mb": round(megabytes, 3), "seconds": round(seconds, 2),
        "mb_per_second": round(megabytes / seconds, 3) if seconds > 0 else None,
        "tool_seconds": round(sum(p["seconds"] for p in partitions.values()), 2),
        "partitions_that_compiled": sum(1 for p in partitions.values() if p.get("compiled")),
        "per_partition": [partitions[i] for i in sorted(partitions)],
    }


def print_summary(summary, stream):
    """Writes the summary for a person: totals, error lines, and anything odd."""
    print(f"entities-spark: {summary['lines_in']:,} input lines in {summary['partitions']} "
          f"partitions -> {summary['lines_out']:,} output lines: "
          f"{summary['documents_annotated']:,} documents annotated, "
          f"{summary['error_lines']:,} error lines", file=stream)
    print(f"entities-spark: {summary['input_mb']:.2f} MB in {summary['seconds']:.1f} s "
          f"({summary['mb_per_second'] or 0:.2f} MB/s; entities ran {summary['tool_seconds']:.1f} "
          "s in all tasks)", file=stream)
    for sample in summary["error_samples"]:
        print(f"entities-spark:   {sample}", file=stream)
    if summary["error_lines"] > len(summary["error_samples"]):
        print(f"entities-spark:   ... (every error line is in the output: a top-level \"error\")",
              file=stream)
    if summary["partitions_that_compiled"]:
        print(f"entities-spark: warning: {summary['partitions_that_compiled']} partitions "
              "compiled the gazetteers themselves: the --compiled file did not match there",
              file=stream)


def main(argv=None):
    """Checks the command line and the tool, starts Spark, runs the job; returns the status."""
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    problem = preflight(args)
    if problem:
        print(f"entities-spark: {problem}", file=sys.stderr)
        return EXIT_USAGE

    local = args.master is not None and args.master.startswith("local")
    if local:
        # Keep a local run on the loopback interface, whatever the host's name resolves to.
        os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark import SparkFiles, StorageLevel

    builder = SparkSession.builder.appName("entities annotate")
    if args.master:
        builder = builder.master(args.master)
    if local:
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.ui.enabled", "false"))
    builder = (builder.config("spark.task.cpus", str(args.workers))
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.adaptive.coalescePartitions.enabled", "false"))
    for setting in args.conf:
        key, value = setting.split("=", 1)
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    try:
        return run_job(args, spark, sc, F, SparkFiles, StorageLevel)
    finally:
        spark.stop()


def run_job(args, spark, sc, F, SparkFiles, StorageLevel):
    """Ships the files, reads the input, runs the partitions, writes and sums up."""
    started = time.monotonic()
    from pyspark.errors import AnalysisException
    from py4j.protocol import Py4JJavaError

    jvm = sc._jvm
    hadoop_conf = sc._jsc.hadoopConfiguration()
    out_path = jvm.org.apache.hadoop.fs.Path(args.output)
    out_fs = out_path.getFileSystem(hadoop_conf)
    if out_fs.exists(out_path):
        if not args.overwrite:
            print(f"entities-spark: {args.output} exists (pass --overwrite to replace it)",
                  file=sys.stderr)
            return EXIT_USAGE
        out_fs.delete(out_path, True)

    # What each task runs, and where.
    binary = os.path.abspath(args.entities) if args.ship else args.entities
    compiled_name = os.path.basename(args.compiled) if args.compiled else None
    if args.ship:
        sc.addFile(binary)
        bundle = os.path.join(os.path.dirname(binary), RESOURCES_BUNDLE)
        if os.path.isdir(bundle):
            sc.addFile(bundle, recursive=True)
        else:
            print(f"entities-spark: warning: no {RESOURCES_BUNDLE} beside {binary}: executors "
                  "on other machines will not find the bundled gazetteers", file=sys.stderr)
        gazetteer_names = []
        for directory in args.gazetteers:
            sc.addFile(os.path.abspath(directory), recursive=True)
            gazetteer_names.append(os.path.basename(os.path.normpath(directory)))
        if args.compiled:
            sc.addFile(os.path.abspath(args.compiled))
        binary_name = os.path.basename(binary)
    else:
        gazetteer_names = list(args.gazetteers)
    options = tool_options(args, gazetteer_names)
    ship = args.ship
    compiled_dir = None if ship or not args.compiled else os.path.dirname(args.compiled)

    # The input, as (sort key, source, line number, payload) in input order.
    try:
        if args.input_format == "jsonl":
            records = jsonl_records(args, spark, sc, F)
        else:
            records = text_records(args, spark, sc, F)
    except AnalysisException as error:
        print(f"entities-spark: --input {args.input}: {error}", file=sys.stderr)
        return EXIT_USAGE
    field = args.reference_date_field
    text_input = args.input_format == "text"
    partitions = records.getNumPartitions()
    stats = PartitionStats.make(sc)

    def run_partition(index, rows):
        if ship:
            root = SparkFiles.getRootDirectory()
            command = [os.path.join(root, binary_name)] + options
            cwd, cache = root, root if compiled_name else None
        else:
            command, cwd, cache = [binary] + options, None, compiled_dir
        env = dict(os.environ)
        if cache:
            env["EEX_CACHE_DIR"] = cache
        previous = [None]
        first_key = [None]

        def inputs():
            for key, source, line_number, payload in rows:
                if first_key[0] is None:
                    first_key[0] = key
                if previous[0] is not None and not previous[0] < key:
                    raise PartitionFailure(
                        f"partition {index + 1} of {partitions}: input out of order at line "
                        f"{line_number} of {source}\n{FAILURE_END}")
                previous[0] = key
                if isinstance(payload, Ready):
                    yield payload
                    continue
                if field != "reference_date" and text_input is False:
                    payload = with_reference_date(payload, field)
                yield (source, line_number, payload)

        partition_stats = {}
        label = f"partition {index + 1} of {partitions}"
        yield from annotate_partition(command, inputs(), label=label, cwd=cwd, env=env,
                                      stats=partition_stats)
        partition_stats["partition"] = index + 1
        partition_stats["keys"] = (first_key[0], previous[0])
        if cache and ship:  # the files directory holds only what the job shipped
            partition_stats["compiled"] = any(
                COMPILED_NAME.match(name) and name != compiled_name for name in os.listdir(cache))
        stats.add({index: partition_stats})

    output = records.mapPartitionsWithIndex(run_partition)
    try:
        if args.output_format == "jsonl":
            output.saveAsTextFile(args.output)
        else:
            output = output.persist(StorageLevel.MEMORY_AND_DISK)
            frame = spark.read.json(output.map(lambda line: line.decode("utf-8")))
            frame.write.parquet(args.output)
    except Py4JJavaError as error:
        print(f"entities-spark: the job failed: {failure_message(error)}",
              file=sys.stderr)
        return EXIT_JOB_FAILED
    seconds = time.monotonic() - started
    summary = summarize(stats.value, seconds, args)
    if summary["partitions"] != partitions or summary["lines_in"] != summary["lines_out"]:
        print(f"entities-spark: the job lost track of partitions ({summary['partitions']} of "
              f"{partitions} reported); the output may be incomplete", file=sys.stderr)
        return EXIT_JOB_FAILED
    last = None
    for entry in summary["per_partition"]:
        first_key, last_key = entry.pop("keys")
        if first_key is None:
            continue
        if last is not None and not last < tuple(first_key):
            print(f"entities-spark: partition {entry['partition']} starts before the one "
                  "before it ends: the part files are not in input order", file=sys.stderr)
            return EXIT_JOB_FAILED
        last = tuple(last_key)
    print_summary(summary, sys.stderr)
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as handle:
            json.dump(summary, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
    return EXIT_ERROR_LINES if summary["error_lines"] else EXIT_OK


def partition_count(args, sc, input_bytes):
    """--partitions, or one partition per 64 MB of input, at least the default parallelism."""
    if args.partitions:
        return args.partitions
    return max(sc.defaultParallelism, math.ceil(input_bytes / DEFAULT_PARTITION_BYTES))


def jsonl_records(args, spark, sc, F):
    """Reads JSONL lines as raw bytes, split on "\\n" only, sorted into input order.

    Spark's text source with lineSep "\\n" splits on that byte alone (a "\\r" or U+2028
    stays in its line), and a string cast to binary keeps the bytes as they were read,
    not UTF-8 validated, so the tool sees what a local run reads. Each line's number in
    its file comes from a count of the lines of every split. Spark packs file splits
    into tasks by size: when that put them out of (file path, split start) order (several
    files), or --partitions is given, the lines are sorted back into order (a shuffle of
    the input); otherwise (one file, for instance) the tasks read them in order already.
    """
    reader = spark.read.option("lineSep", "\n")
    if not any(c in args.input for c in "*?[{"):
        reader = reader.option("recursiveFileLookup", "true")
    base = reader.text(args.input).select(
        F.col("value").cast("binary").alias("payload"),
        F.col("_metadata.file_path").alias("path"),
        F.col("_metadata.file_block_start").alias("block"),
        F.monotonically_increasing_id().alias("seq"),
        F.spark_partition_id().alias("task"))
    # One row per file split: a small table, so a few shuffle partitions, not 200.
    shuffle_partitions = spark.conf.get("spark.sql.shuffle.partitions")
    spark.conf.set("spark.sql.shuffle.partitions", str(sc.defaultParallelism))
    try:
        blocks = (base.groupBy("path", "block", "task")
                  .agg(F.count(F.lit(1)).alias("lines"), F.min("seq").alias("first_seq"),
                       F.sum(F.length("payload") + 1).alias("bytes"))
                  .collect())
    finally:
        spark.conf.set("spark.sql.shuffle.partitions", shuffle_partitions)
    paths = sorted({row["path"] for row in blocks})
    single = args.input if len(paths) == 1 and os.path.isfile(args.input) else None
    display = {path: display_name(path, single) for path in paths}
    first_line = {}
    line = collections.Counter()
    for row in sorted(blocks, key=lambda r: (r["path"], r["block"])):
        first_line[(row["path"], row["block"])] = (line[row["path"]] + 1, row["first_seq"])
        line[row["path"]] += row["lines"]
    table = sc.broadcast((first_line, display))
    in_scan_order = [(row["path"], row["block"]) for row in
                     sorted(blocks, key=lambda r: (r["task"], r["first_seq"]))]
    if args.partitions is None and in_scan_order == sorted(set(in_scan_order)):
        ordered = base
    else:
        partitions = partition_count(args, sc, sum(row["bytes"] for row in blocks))
        ordered = base.repartitionByRange(partitions, "path", "block", "seq") \
            .sortWithinPartitions("path", "block", "seq")

    def to_records(rows):
        first, names = table.value
        for row in rows:
            start, first_seq = first[(row.path, row.block)]
            yield ((row.path, row.block, row.seq), names[row.path],
                   start + row.seq - first_seq, bytes(row.payload))

    return ordered.rdd.mapPartitions(to_records)


def text_records(args, spark, sc, F):
    """Reads text files, one document each, in byte order of their paths."""
    frame = (spark.read.format("binaryFile")
             .option("pathGlobFilter", f"*.{args.extension}")
             .option("recursiveFileLookup", "true")
             .load(args.input))
    sizes = frame.select(F.sum("length")).collect()[0][0] or 0
    partitions = partition_count(args, sc, sizes)
    ordered = frame.select("path", "content").repartitionByRange(partitions, "path") \
        .sortWithinPartitions("path")

    def to_records(rows):
        for row in rows:
            name = display_name(row.path, None)
            document = text_document(row.path, row.content, name)
            yield (row.path, name, 1, document) if isinstance(document, Ready) else \
                (row.path, name, 1, document[2])

    return ordered.rdd.mapPartitions(to_records)


if __name__ == "__main__":
    sys.exit(main())
