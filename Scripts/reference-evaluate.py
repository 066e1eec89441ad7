#!/usr/bin/env python3
"""Reference implementation of the `entities evaluate` metrics.

An independent, dependency-free (Python 3.11 standard library only)
re-implementation of the scores printed by `entities evaluate`, used to
cross-check the Swift implementation to three decimals.

Usage
-----
    reference-evaluate.py --gold GOLD.jsonl --predicted PRED.jsonl
                          [--types place,organization,...] [--json]

Inputs
------
GOLD.jsonl
    One JSON object per line: {"id", "text", "reference_date"?, "entities":
    [{"start", "end", "type", "text", "value"?, "casualty"?}]}. Offsets are
    half-open Unicode code-point offsets (Python `str` indices).

PRED.jsonl
    The output of `entities annotate --input-format jsonl --format jsonl`:
    {"id", ..., "entities": [{"type", "start", "end", "text",
    "date": {"value"}?, "casualty": {"outcome", "min", "max", ...}?, ...}]},
    or an error line {"id", "error": ...}, which counts as a document with no
    predictions.

Documents are matched by `id`. Every gold id must have exactly one predicted
line and vice versa; otherwise the script exits with status 2 and names the
ids. Every entity (gold or predicted, of any type) must satisfy
0 <= start < end <= len(text), where `text` is the gold document's text;
otherwise exit 2. Blank lines are ignored; any other malformed line is exit 2.

Scored types
------------
With `--types`, exactly the listed types. Otherwise the types among
{place, organization, person, nationality, date, casualty} that occur at least
once in the gold file. Entities of any other type are dropped from both sides
before scoring.

Span scores (per document, per type)
------------------------------------
G and P are the lists of gold and predicted spans of that type in that
document. Duplicates are allowed: a duplicated prediction is a separate item
that can be matched at most once.

strict
    TP = size of a one-to-one matching of items with identical (start, end),
    i.e. the sum over distinct spans of min(count in G, count in P).
    FP = |P| - TP, FN = |G| - TP.

partial
    Every pair (g, p) with g.start < p.end and p.start < g.end is a candidate.
    Candidates are sorted by:
        1. exact matches first (same start and same end),
        2. larger overlap, min(g.end, p.end) - max(g.start, p.start), first,
        3. smaller g.start, 4. smaller p.start, 5. smaller g.end,
        6. smaller p.end, 7. smaller index of g in G, 8. smaller index of p in P,
    and accepted greedily when neither g nor p is matched yet.
    TP = number of accepted pairs; FP = |P| - TP, FN = |G| - TP.

Because exact pairs come first, every strict match is also a partial match.
The strict matching used for date values pairs the k-th gold item with a given
span with the k-th predicted item with the same span (list order), which is
exactly what the partial ordering does when restricted to exact pairs.

Counts are summed over documents per type, then
    P  = TP / (TP + FP)    if TP + FP > 0 else 0.0
    R  = TP / (TP + FN)    if TP + FN > 0 else 0.0
    F1 = 2 P R / (P + R)   if P + R > 0   else 0.0
micro: TP, FP, FN summed over the scored types, then P/R/F1 as above.
macro: the unweighted mean over the scored types of P, of R and of F1, each
separately (0.0 when no type is scored).

Date values (only when `date` is scored)
----------------------------------------
Among the partial-matched (gold date, predicted date) pairs, the share whose
predicted `date.value` equals the gold `value` (JSON equality; a value missing
on one side only is unequal, missing on both sides is equal).
matched = number of pairs, correct = number of equal values,
accuracy = correct / matched (0.0 when matched is 0). The same restricted to
strict-matched pairs: strict_matched, strict_correct, strict_accuracy.

Casualty records (only when `casualty` is scored)
-------------------------------------------------
Per document, the multiset of tuples (outcome, min, max) taken from the
`casualty` objects of gold casualty entities and of predicted casualty
entities, regardless of span (a missing key or JSON null is None; a casualty
entity without a `casualty` object contributes no record).
TP = size of the multiset intersection, FP = |predicted| - TP,
FN = |gold| - TP, summed over documents, P/R/F1 as above.
casualty_outcomes: the same with the multiset of outcomes only.

Output
------
A readable table by default. With `--json`, one JSON object:
    {"documents": N,
     "types": {TYPE: {"strict": {"tp","fp","fn","precision","recall","f1"},
                      "partial": {...}}},
     "micro": {"strict": {...}, "partial": {...}},
     "macro": {"strict": {"precision","recall","f1"}, "partial": {...}},
     "date_value": {"matched","correct","accuracy",
                    "strict_matched","strict_correct","strict_accuracy"},
     "casualty_records": {"tp","fp","fn","precision","recall","f1"},
     "casualty_outcomes": {...}}
Floats are written unrounded.

Exit status: 0 on success, 2 on bad usage or bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

# Types scored by default, in report order, when --types is not given.
DEFAULT_TYPES = ("place", "organization", "person", "nationality", "date", "casualty")

# Name used in error messages.
PROG = "reference-evaluate"


class InputError(Exception):
    """Bad input: reported on stderr, exit status 2."""


# --------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """One gold or predicted entity, reduced to what scoring needs."""

    start: int
    end: int
    # Date value: gold `value` / predicted `date.value`; None when missing.
    value: Any = None
    # Casualty record (outcome, min, max), or None when the entity has none.
    record: tuple | None = None


@dataclass
class Document:
    """A document's text length and its entities, grouped by type."""

    length: int
    by_type: dict[str, list[Span]] = field(default_factory=dict)

    def spans(self, entity_type: str) -> list[Span]:
        return self.by_type.get(entity_type, [])


# --------------------------------------------------------------------------
# Reading the input files
# --------------------------------------------------------------------------

def read_jsonl(path: str, role: str) -> Iterable[tuple[int, dict]]:
    """Yield (line number, object) for every non-blank line of a JSONL file."""
    try:
        handle = open(path, encoding="utf-8", newline="")
    except OSError as error:
        raise InputError(f"cannot read {role} file {path}: {error.strerror}") from None
    with handle:
        # Split on "\n" only: U+2028 etc. may occur inside JSON strings.
        for number, line in enumerate(handle.read().split("\n"), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{role} {path}:{number}: invalid JSON: {error.msg}") from None
            if not isinstance(obj, dict):
                raise InputError(f"{role} {path}:{number}: not a JSON object")
            yield number, obj


def is_int(x: Any) -> bool:
    """True for a JSON integer (bool is not an integer here)."""
    return isinstance(x, int) and not isinstance(x, bool)


def check_id(obj: dict, where: str) -> Any:
    """Return the document id, which must be a string or an integer."""
    if "id" not in obj:
        raise InputError(f"{where}: line has no \"id\"")
    doc_id = obj["id"]
    if not (isinstance(doc_id, str) or is_int(doc_id)):
        raise InputError(f"{where}: \"id\" must be a string or an integer")
    return doc_id


def casualty_record(entity: dict) -> tuple | None:
    """(outcome, min, max) from a gold or predicted `casualty` object."""
    obj = entity.get("casualty")
    if not isinstance(obj, dict):
        return None
    return (obj.get("outcome"), obj.get("min"), obj.get("max"))


def date_value(entity: dict, predicted: bool) -> Any:
    """Gold `value`, or predicted `date.value`; None when missing."""
    if predicted:
        date = entity.get("date")
        return date.get("value") if isinstance(date, dict) else None
    return entity.get("value")


def parse_entities(entities: Any, length: int, where: str, predicted: bool) -> Document:
    """Validate a line's entity list and group its spans by type."""
    if not isinstance(entities, list):
        raise InputError(f"{where}: \"entities\" must be a list")
    doc = Document(length=length)
    for index, entity in enumerate(entities):
        here = f"{where}: entity {index}"
        if not isinstance(entity, dict):
            raise InputError(f"{here}: not a JSON object")
        entity_type, start, end = entity.get("type"), entity.get("start"), entity.get("end")
        if not isinstance(entity_type, str):
            raise InputError(f"{here}: \"type\" must be a string")
        if not (is_int(start) and is_int(end)):
            raise InputError(f"{here}: \"start\" and \"end\" must be integers")
        if not 0 <= start < end <= length:
            raise InputError(
                f"{here}: offsets [{start}, {end}) not within 0 <= start < end <= {length}")
        doc.by_type.setdefault(entity_type, []).append(Span(
            start=start,
            end=end,
            value=date_value(entity, predicted),
            record=casualty_record(entity),
        ))
    return doc


def load_gold(path: str) -> dict[Any, Document]:
    """Gold documents by id, in file order."""
    docs: dict[Any, Document] = {}
    duplicates: list[Any] = []
    for number, obj in read_jsonl(path, "gold"):
        where = f"gold {path}:{number}"
        doc_id = check_id(obj, where)
        text = obj.get("text")
        if not isinstance(text, str):
            raise InputError(f"{where}: \"text\" must be a string")
        if doc_id in docs:
            duplicates.append(doc_id)
            continue
        docs[doc_id] = parse_entities(obj.get("entities", []), len(text), where, predicted=False)
    if duplicates:
        raise InputError(f"gold ids occurring more than once: {format_ids(duplicates)}")
    return docs


def load_predicted(path: str, gold: dict[Any, Document]) -> dict[Any, Document]:
    """Predicted documents by id, validated against the gold texts."""
    lines: dict[Any, tuple[int, dict]] = {}
    duplicates: list[Any] = []
    for number, obj in read_jsonl(path, "predicted"):
        doc_id = check_id(obj, f"predicted {path}:{number}")
        if doc_id in lines:
            duplicates.append(doc_id)
        else:
            lines[doc_id] = (number, obj)
    if duplicates:
        raise InputError(f"predicted ids occurring more than once: {format_ids(duplicates)}")

    # One predicted line per gold id and vice versa.
    missing = [i for i in gold if i not in lines]
    extra = [i for i in lines if i not in gold]
    problems = []
    if missing:
        problems.append(f"gold ids without a predicted line: {format_ids(missing)}")
    if extra:
        problems.append(f"predicted ids not in the gold file: {format_ids(extra)}")
    if problems:
        raise InputError("; ".join(problems))

    docs: dict[Any, Document] = {}
    for doc_id, (number, obj) in lines.items():
        where = f"predicted {path}:{number}"
        length = gold[doc_id].length
        if "error" in obj:
            # A document that could not be processed: no predictions.
            docs[doc_id] = Document(length=length)
            continue
        text = obj.get("text")
        if isinstance(text, str) and len(text) != length:
            print(f"{PROG}: warning: {where}: \"text\" differs in length from the gold text",
                  file=sys.stderr)
        if "entities" not in obj:
            raise InputError(f"{where}: line has neither \"entities\" nor \"error\"")
        docs[doc_id] = parse_entities(obj["entities"], length, where, predicted=True)
    return docs


def format_ids(ids: list[Any], limit: int = 20) -> str:
    shown = ", ".join(json.dumps(i, ensure_ascii=False) for i in ids[:limit])
    more = len(ids) - limit
    return shown + (f" … and {more} more" if more > 0 else "")


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------

def strict_pairs(gold: list[Span], pred: list[Span]) -> list[tuple[int, int]]:
    """One-to-one pairs of identical spans.

    The k-th gold item with a given (start, end) is paired with the k-th
    predicted item with the same (start, end), in list order.
    """
    waiting: dict[tuple[int, int], list[int]] = {}
    for gi, g in enumerate(gold):
        waiting.setdefault((g.start, g.end), []).append(gi)
    used: Counter[tuple[int, int]] = Counter()
    pairs = []
    for pi, p in enumerate(pred):
        key = (p.start, p.end)
        queue = waiting.get(key, [])
        if used[key] < len(queue):
            pairs.append((queue[used[key]], pi))
            used[key] += 1
    return pairs


def partial_pairs(gold: list[Span], pred: list[Span]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of overlapping spans (see module docstring)."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g.start < p.end and p.start < g.end:
                exact = g.start == p.start and g.end == p.end
                overlap = min(g.end, p.end) - max(g.start, p.start)
                candidates.append((
                    0 if exact else 1,   # 1. exact matches first
                    -overlap,            # 2. larger overlap first
                    g.start, p.start,    # 3., 4.
                    g.end, p.end,        # 5., 6.
                    gi, pi,              # 7., 8.
                ))
    candidates.sort()
    gold_used, pred_used = set(), set()
    pairs = []
    for *_, gi, pi in candidates:
        if gi not in gold_used and pi not in pred_used:
            gold_used.add(gi)
            pred_used.add(pi)
            pairs.append((gi, pi))
    return pairs


# --------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------

@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.fp += n_pred - tp
        self.fn += n_gold - tp

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator > 0 else 0.0


def prf(counts: Counts) -> dict[str, Any]:
    """Counts with precision, recall and F1 (0.0 for an empty denominator)."""
    p = ratio(counts.tp, counts.tp + counts.fp)
    r = ratio(counts.tp, counts.tp + counts.fn)
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return {"tp": counts.tp, "fp": counts.fp, "fn": counts.fn,
            "precision": p, "recall": r, "f1": f1}


def macro(scores: list[dict[str, Any]]) -> dict[str, float]:
    """Unweighted mean of P, of R and of F1 (0.0 for an empty list)."""
    return {key: (sum(s[key] for s in scores) / len(scores) if scores else 0.0)
            for key in ("precision", "recall", "f1")}


def multiset_counts(gold: Iterable, pred: Iterable) -> tuple[int, int, int]:
    """(TP, |pred|, |gold|) with TP the size of the multiset intersection."""
    g, p = Counter(gold), Counter(pred)
    return sum((g & p).values()), sum(p.values()), sum(g.values())


def scored_types(gold: dict[Any, Document], requested: list[str] | None) -> list[str]:
    if requested is not None:
        return requested
    present = {t for doc in gold.values() for t, spans in doc.by_type.items() if spans}
    return [t for t in DEFAULT_TYPES if t in present]


def evaluate(gold: dict[Any, Document], pred: dict[Any, Document],
             types: list[str]) -> dict[str, Any]:
    """All scores as the JSON-ready dict described in the module docstring."""
    strict = {t: Counts() for t in types}
    partial = {t: Counts() for t in types}
    date = Counter()          # matched, correct, strict_matched, strict_correct
    records, outcomes = Counts(), Counts()

    for doc_id, gold_doc in gold.items():
        pred_doc = pred[doc_id]
        for t in types:
            g, p = gold_doc.spans(t), pred_doc.spans(t)
            s_pairs, p_pairs = strict_pairs(g, p), partial_pairs(g, p)
            strict[t].add(len(s_pairs), len(p), len(g))
            partial[t].add(len(p_pairs), len(p), len(g))
            if t == "date":
                for key, pairs in (("", p_pairs), ("strict_", s_pairs)):
                    date[key + "matched"] += len(pairs)
                    date[key + "correct"] += sum(g[gi].value == p[pi].value for gi, pi in pairs)

        if "casualty" in types:
            g_rec = [s.record for s in gold_doc.spans("casualty") if s.record is not None]
            p_rec = [s.record for s in pred_doc.spans("casualty") if s.record is not None]
            records.add(*multiset_counts(g_rec, p_rec))
            outcomes.add(*multiset_counts((r[0] for r in g_rec), (r[0] for r in p_rec)))

    result: dict[str, Any] = {"documents": len(gold), "types": {}}
    for t in types:
        result["types"][t] = {"strict": prf(strict[t]), "partial": prf(partial[t])}

    micro_strict, micro_partial = Counts(), Counts()
    for t in types:
        micro_strict += strict[t]
        micro_partial += partial[t]
    result["micro"] = {"strict": prf(micro_strict), "partial": prf(micro_partial)}
    result["macro"] = {
        mode: macro([result["types"][t][mode] for t in types]) for mode in ("strict", "partial")
    }

    if "date" in types:
        result["date_value"] = {
            "matched": date["matched"],
            "correct": date["correct"],
            "accuracy": ratio(date["correct"], date["matched"]),
            "strict_matched": date["strict_matched"],
            "strict_correct": date["strict_correct"],
            "strict_accuracy": ratio(date["strict_correct"], date["strict_matched"]),
        }
    if "casualty" in types:
        result["casualty_records"] = prf(records)
        result["casualty_outcomes"] = prf(outcomes)
    return result


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def format_table(result: dict[str, Any]) -> str:
    """The scores as a fixed-width text table."""
    head = (f"{'':<14} {'strict':^39}   {'partial':^39}\n"
            f"{'type':<14} " + "   ".join([f"{'P':>6} {'R':>6} {'F1':>6} {'TP':>6} {'FP':>6} {'FN':>6}"] * 2))
    rule = "-" * len(head.splitlines()[1])

    def cells(s: dict[str, Any]) -> str:
        counts = (f"{s['tp']:>6} {s['fp']:>6} {s['fn']:>6}" if "tp" in s else " " * 20)
        return f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} {counts}"

    def row(name: str, scores: dict[str, Any]) -> str:
        return f"{name:<14} {cells(scores['strict'])}   {cells(scores['partial'])}".rstrip()

    lines = [f"documents: {result['documents']}", ""] + [h.rstrip() for h in head.splitlines()] + [rule]
    lines += [row(t, s) for t, s in result["types"].items()]
    lines += [rule, row("micro", result["micro"]), row("macro", result["macro"])]

    if "date_value" in result:
        d = result["date_value"]
        lines += ["", "date values (share of matched dates with the gold value)",
                  f"  partial-matched: {d['correct']}/{d['matched']} = {d['accuracy']:.3f}",
                  f"  strict-matched:  {d['strict_correct']}/{d['strict_matched']} "
                  f"= {d['strict_accuracy']:.3f}"]
    if "casualty_records" in result:
        lines.append("")
        for key, title in (("casualty_records", "casualty records (outcome, min, max)"),
                           ("casualty_outcomes", "casualty outcomes")):
            c = result[key]
            lines.append(f"{title:<37} P {c['precision']:.3f}  R {c['recall']:.3f}  "
                         f"F1 {c['f1']:.3f}  (TP {c['tp']}, FP {c['fp']}, FN {c['fn']})")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def parse_types(value: str) -> list[str]:
    types = []
    for name in value.split(","):
        name = name.strip()
        if name and name not in types:
            types.append(name)
    if not types:
        raise argparse.ArgumentTypeError("no type given")
    return types


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Score predicted entities against gold (reference implementation "
                    "of `entities evaluate`).")
    parser.add_argument("--gold", required=True, metavar="GOLD.jsonl")
    parser.add_argument("--predicted", required=True, metavar="PRED.jsonl")
    parser.add_argument("--types", type=parse_types, metavar="a,b,c",
                        help="score exactly these types (default: those of place, organization, "
                             "person, nationality, date, casualty that occur in the gold file)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    try:
        gold = load_gold(args.gold)
        pred = load_predicted(args.predicted, gold)
    except InputError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2

    result = evaluate(gold, pred, scored_types(gold, args.types))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
