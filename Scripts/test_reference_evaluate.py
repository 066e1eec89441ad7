#!/usr/bin/env python3
"""Self-checks for Scripts/reference-evaluate.py.

Plain asserts, standard library only, no pytest:

    python3 Scripts/test_reference_evaluate.py

Every check runs the script as a command (`--json`), on temporary files:

- hand-made cases whose counts were worked out by hand (duplicates, greedy
  order of the partial matching, date values, casualty multisets, macro
  averages, --types, error lines, exit status 2 on bad input);
- a randomised comparison against a deliberately naive second
  implementation of the same definitions, written here;
- the corpora in /work/shared/corpora (or $CORPORA): gold scored against
  itself (every P/R/F1 = 1.0) and against itself with every span shifted by
  one character (strict ~0, partial high).

The last line printed is "N passed, M failed"; the exit status is 1 if any
check failed.
"""

from __future__ import annotations

import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "reference-evaluate.py")
CORPORA = os.environ.get("CORPORA", "/work/shared/corpora")
DEFAULT_TYPES = ("place", "organization", "person", "nationality", "date", "casualty")

TMP = tempfile.mkdtemp(prefix="refeval-test-")
CHECKS = []


def check(function):
    """Register a check."""
    CHECKS.append(function)
    return function


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def write_jsonl(name: str, rows: list) -> str:
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)) + "\n")
    return path


def run(gold: list, pred: list, *extra: str) -> subprocess.CompletedProcess:
    g, p = write_jsonl("gold.jsonl", gold), write_jsonl("pred.jsonl", pred)
    return run_files(g, p, *extra)


def run_files(gold_path: str, pred_path: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, SCRIPT, "--gold", gold_path, "--predicted", pred_path, *extra],
                          capture_output=True, text=True, encoding="utf-8")


def score(gold: list, pred: list, *extra: str) -> dict:
    proc = run(gold, pred, "--json", *extra)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def score_files(gold_path: str, pred_path: str, *extra: str) -> dict:
    proc = run_files(gold_path, pred_path, "--json", *extra)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def close(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9


def g_ent(start, end, type_, **extra) -> dict:
    """A gold entity (text filled in by `doc`)."""
    return {"start": start, "end": end, "type": type_, **extra}


def doc(id_, text, entities) -> dict:
    for e in entities:
        e.setdefault("text", text[e["start"]:e["end"]])
    return {"id": id_, "text": text, "entities": entities}


def to_predicted(gold_row: dict, shift: int = 0) -> dict:
    """Gold line → predicted line (the snippet from the brief).

    Predicted entities get `date: {value}` from the gold `value` and
    `casualty` from the gold `casualty`. With `shift`, every span moves by
    that many characters (backwards instead when it would leave the text).
    """
    text = gold_row["text"]
    out = []
    for e in gold_row["entities"]:
        start, end = e["start"], e["end"]
        if shift:
            if end + shift <= len(text):
                start, end = start + shift, end + shift
            elif start - shift >= 0:
                start, end = start - shift, end - shift
        p = {"type": e["type"], "start": start, "end": end, "text": text[start:end]}
        if "value" in e:
            p["date"] = {"value": e["value"]}
        if "casualty" in e:
            p["casualty"] = e["casualty"]
        out.append(p)
    return {"id": gold_row["id"], "entities": out}


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def assert_prf(block: dict, tp, fp, fn):
    assert (block["tp"], block["fp"], block["fn"]) == (tp, fp, fn), (block, (tp, fp, fn))
    p, r, f = prf(tp, fp, fn)
    assert close(block["precision"], p) and close(block["recall"], r) and close(block["f1"], f), block


# --------------------------------------------------------------------------
# Hand-made cases
# --------------------------------------------------------------------------

TEXT = "Militants attacked Lakki Marwat in Khyber Pakhtunkhwa on Tuesday, police said."
#       0         1         2         3         4         5         6         7
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678
LAKKI = (19, 31)      # "Lakki Marwat"
KP = (35, 53)         # "Khyber Pakhtunkhwa"
TUESDAY = (57, 64)    # "Tuesday"


@check
def test_offsets_in_fixture():
    assert TEXT[slice(*LAKKI)] == "Lakki Marwat"
    assert TEXT[slice(*KP)] == "Khyber Pakhtunkhwa"
    assert TEXT[slice(*TUESDAY)] == "Tuesday"


@check
def test_strict_partial_and_fp_fn():
    gold = [doc("a", TEXT, [g_ent(*LAKKI, "place"), g_ent(*KP, "place")])]
    pred = [{"id": "a", "entities": [
        {"type": "place", "start": LAKKI[0], "end": LAKKI[1]},          # strict + partial
        {"type": "place", "start": KP[0], "end": KP[0] + 6},            # "Khyber": partial only
        {"type": "place", "start": 0, "end": 9},                        # "Militants": FP
    ]}]
    r = score(gold, pred)
    assert list(r["types"]) == ["place"], r["types"]
    assert_prf(r["types"]["place"]["strict"], 1, 2, 1)
    assert_prf(r["types"]["place"]["partial"], 2, 1, 0)
    assert_prf(r["micro"]["strict"], 1, 2, 1)
    assert r["documents"] == 1


@check
def test_type_must_agree():
    gold = [doc("a", TEXT, [g_ent(*LAKKI, "place")])]
    pred = [{"id": "a", "entities": [{"type": "organization", "start": LAKKI[0], "end": LAKKI[1]}]}]
    r = score(gold, pred)
    # organization does not occur in gold: not scored by default; place is all FN.
    assert list(r["types"]) == ["place"]
    assert_prf(r["types"]["place"]["strict"], 0, 0, 1)
    assert_prf(r["types"]["place"]["partial"], 0, 0, 1)
    r = score(gold, pred, "--types", "place,organization")
    assert_prf(r["types"]["organization"]["strict"], 0, 1, 0)
    assert_prf(r["micro"]["strict"], 0, 1, 1)


@check
def test_duplicates_match_once():
    gold = [doc("a", TEXT, [g_ent(*LAKKI, "place")])]
    pred = [{"id": "a", "entities": [{"type": "place", "start": LAKKI[0], "end": LAKKI[1]}] * 3}]
    r = score(gold, pred)
    assert_prf(r["types"]["place"]["strict"], 1, 2, 0)
    assert_prf(r["types"]["place"]["partial"], 1, 2, 0)
    # Two identical gold items, one prediction.
    gold = [doc("a", TEXT, [g_ent(*LAKKI, "place"), g_ent(*LAKKI, "place")])]
    pred = [{"id": "a", "entities": [{"type": "place", "start": LAKKI[0], "end": LAKKI[1]}]}]
    r = score(gold, pred)
    assert_prf(r["types"]["place"]["strict"], 1, 0, 1)


@check
def test_partial_greedy_order():
    # Gold A = [0,10), B = [8,20). Prediction X = [5,12) overlaps A by 5 and
    # B by 4; prediction Y = [9,11) overlaps A by 1 and B by 2.
    # Greedy: (A,X) overlap 5 first, then (B,Y) overlap 2.  TP = 2.
    text = "x" * 30
    gold = [doc("a", text, [g_ent(0, 10, "place"), g_ent(8, 20, "place")])]
    pred = [{"id": "a", "entities": [{"type": "place", "start": 5, "end": 12},
                                     {"type": "place", "start": 9, "end": 11}]}]
    assert_prf(score(gold, pred)["types"]["place"]["partial"], 2, 0, 0)

    # Greedy is not a maximum matching: gold A = [0,10), B = [9,12);
    # prediction X = [2,11) overlaps A by 8 and B by 2, and is taken by A;
    # prediction Y = [0,1) overlaps only A, which is already matched.
    # A maximum matching would pair A-Y and B-X; the definition keeps (A,X) only.
    gold = [doc("a", text, [g_ent(0, 10, "place"), g_ent(9, 12, "place")])]
    pred = [{"id": "a", "entities": [{"type": "place", "start": 2, "end": 11},
                                     {"type": "place", "start": 0, "end": 1}]}]
    assert_prf(score(gold, pred)["types"]["place"]["partial"], 1, 1, 1)

    # Exact matches first, before an equal overlap with a smaller p.start:
    # gold A = [2,4), B = [9,10); prediction X = [2,4) is exact with A;
    # prediction Y = [0,10) overlaps A by 2 and B by 1. Ranked by overlap
    # alone, (A,Y) would come first and leave B and X unmatched (TP 1);
    # exact first gives (A,X), then (B,Y): TP 2.
    gold = [doc("a", text, [g_ent(2, 4, "place"), g_ent(9, 10, "place")])]
    pred = [{"id": "a", "entities": [{"type": "place", "start": 2, "end": 4},
                                     {"type": "place", "start": 0, "end": 10}]}]
    assert_prf(score(gold, pred)["types"]["place"]["partial"], 2, 0, 0)

    # Touching spans do not overlap (half-open).
    gold = [doc("a", text, [g_ent(0, 5, "place")])]
    pred = [{"id": "a", "entities": [{"type": "place", "start": 5, "end": 9}]}]
    assert_prf(score(gold, pred)["types"]["place"]["partial"], 0, 1, 1)


@check
def test_partial_tie_breaks_for_date_values():
    # Ties in overlap are broken by smaller g.start, p.start, g.end, p.end,
    # never by list order first. Which pair is taken shows in the date values:
    # each case has one gold item (or prediction) with the value "win".
    text = "x" * 20

    def case(gold_spans, pred_spans):
        gold = [doc("a", text, [g_ent(s, e, "date", value=v) for s, e, v in gold_spans])]
        pred = [{"id": "a", "entities": [{"type": "date", "start": s, "end": e, "date": {"value": v}}
                                         for s, e, v in pred_spans]}]
        d = score(gold, pred)["date_value"]
        assert (d["matched"], d["correct"]) == (1, 1), (gold_spans, pred_spans, d)

    # smaller g.start: [5,9) and [1,6) both overlap [3,8) by 3; [1,6) wins.
    case([(5, 9, "lose"), (1, 6, "win")], [(3, 8, "win")])
    # smaller p.start: [5,9) and [1,6) both overlap gold [3,8) by 3; [1,6) wins.
    case([(3, 8, "win")], [(5, 9, "lose"), (1, 6, "win")])
    # smaller g.end: [2,7) and [2,6) both overlap [2,5) by 3; [2,6) wins.
    case([(2, 7, "lose"), (2, 6, "win")], [(2, 5, "win")])
    # smaller p.end: same, on the predicted side.
    case([(2, 5, "win")], [(2, 7, "lose"), (2, 6, "win")])
    # g.start before g.end: [1,8) and [2,7) both contain [3,6); [1,8) wins.
    case([(2, 7, "lose"), (1, 8, "win")], [(3, 6, "win")])
    # p.start before p.end, on the predicted side.
    case([(3, 6, "win")], [(2, 7, "lose"), (1, 8, "win")])
    # identical gold items: the first in the list wins.
    case([(2, 5, "win"), (2, 5, "lose")], [(1, 6, "win")])
    # identical predictions: the first in the list wins.
    case([(1, 6, "win")], [(2, 5, "win"), (2, 5, "lose")])
    # strict pairs: k-th gold with a span <-> k-th prediction with it.
    gold = [doc("a", text, [g_ent(2, 5, "date", value="v1"), g_ent(2, 5, "date", value="v2")])]
    pred = [{"id": "a", "entities": [{"type": "date", "start": 2, "end": 5, "date": {"value": v}}
                                     for v in ("v1", "v2")]}]
    d = score(gold, pred)["date_value"]
    assert d["strict_correct"] == d["correct"] == 2, d


@check
def test_date_values():
    gold = [doc("a", TEXT, [g_ent(*TUESDAY, "date", value="2024-03-05")]),
            doc("b", TEXT, [g_ent(*TUESDAY, "date", value="2024-03-05")]),
            doc("c", TEXT, [g_ent(*TUESDAY, "date")]),                    # no value
            doc("d", TEXT, [g_ent(*TUESDAY, "date", value="2024-03-05")])]
    pred = [{"id": "a", "entities": [{"type": "date", "start": TUESDAY[0], "end": TUESDAY[1],
                                      "date": {"value": "2024-03-05"}}]},            # correct
            {"id": "b", "entities": [{"type": "date", "start": TUESDAY[0], "end": TUESDAY[1] + 1,
                                      "date": {"value": "2024-03-05"}}]},            # partial, correct
            {"id": "c", "entities": [{"type": "date", "start": TUESDAY[0], "end": TUESDAY[1]}]},  # both missing
            {"id": "d", "entities": [{"type": "date", "start": TUESDAY[0], "end": TUESDAY[1],
                                      "date": {"value": "XXXX-WXX-2"}}]}]            # wrong
    r = score(gold, pred)
    assert r["date_value"] == {"matched": 4, "correct": 3, "accuracy": 0.75,
                               "strict_matched": 3, "strict_correct": 2,
                               "strict_accuracy": 2 / 3}, r["date_value"]
    # Missing on one side only is unequal.
    pred[2]["entities"][0]["date"] = {"value": "2024-03-05"}
    assert score(gold, pred)["date_value"]["correct"] == 2


@check
def test_casualty_records():
    text = "At least 12 soldiers were killed and two civilians were wounded; dozens of militants were arrested."
    s12 = text.index("12 soldiers")
    two = text.index("two civilians")
    dozens = text.index("dozens of militants")
    gold = [doc("a", text, [
        g_ent(s12 - 9, s12 + 11, "casualty", casualty={"outcome": "killed", "min": 12, "max": None}),
        g_ent(two, two + 13, "casualty", casualty={"outcome": "injured", "min": 2, "max": 2}),
        g_ent(dozens, dozens + 19, "casualty", casualty={"outcome": "arrested", "min": 24, "max": None}),
    ])]
    pred = [{"id": "a", "entities": [
        # right record, different span: still a record TP
        {"type": "casualty", "start": s12, "end": s12 + 11,
         "casualty": {"outcome": "killed", "min": 12, "max": None, "victims": "soldiers", "group": "security"}},
        # right outcome, wrong numbers
        {"type": "casualty", "start": two, "end": two + 13, "casualty": {"outcome": "injured", "min": 2, "max": None}},
        # right record twice: only one can match
        {"type": "casualty", "start": dozens, "end": dozens + 19,
         "casualty": {"outcome": "arrested", "min": 24, "max": None}},
        {"type": "casualty", "start": dozens, "end": dozens + 6,
         "casualty": {"outcome": "arrested", "min": 24}},   # missing max == null
    ]}]
    r = score(gold, pred)
    assert_prf(r["casualty_records"], 2, 2, 1)
    assert_prf(r["casualty_outcomes"], 3, 1, 0)
    assert_prf(r["types"]["casualty"]["strict"], 2, 2, 1)
    assert_prf(r["types"]["casualty"]["partial"], 3, 1, 0)
    # A missing "min"/"max" is the same as null.
    pred = [{"id": "a", "entities": [
        {"type": "casualty", "start": dozens, "end": dozens + 19, "casualty": {"outcome": "arrested", "min": 24}}]}]
    assert_prf(score(gold, pred)["casualty_records"], 1, 0, 2)
    # A casualty entity without a casualty object gives no record.
    pred[0]["entities"][0].pop("casualty")
    assert_prf(score(gold, pred)["casualty_records"], 0, 0, 3)
    # Without casualty among the scored types there are no casualty blocks.
    r = score(gold, pred, "--types", "place")
    assert "casualty_records" not in r and "casualty_outcomes" not in r and "date_value" not in r


@check
def test_macro_and_micro():
    text = "x" * 40
    gold = [doc("a", text, [g_ent(0, 2, "place"), g_ent(3, 5, "place"),
                            g_ent(10, 12, "person"), g_ent(20, 22, "organization")])]
    pred = [{"id": "a", "entities": [{"type": "place", "start": 0, "end": 2},      # place TP
                                     {"type": "person", "start": 10, "end": 12},   # person TP
                                     {"type": "person", "start": 30, "end": 32}]}]  # person FP
    r = score(gold, pred)
    assert list(r["types"]) == ["place", "organization", "person"], list(r["types"])
    place, org, person = prf(1, 0, 1), prf(0, 0, 1), prf(1, 1, 0)
    for i, key in enumerate(("precision", "recall", "f1")):
        assert close(r["macro"]["strict"][key], (place[i] + org[i] + person[i]) / 3), r["macro"]
    assert set(r["macro"]["strict"]) == {"precision", "recall", "f1"}
    assert_prf(r["micro"]["strict"], 2, 1, 2)
    # Macro F1 is the mean of F1s, not the F1 of mean P and R.
    assert close(r["macro"]["strict"]["f1"], (2 / 3 + 0 + 2 / 3) / 3)


@check
def test_types_option_and_other_types_dropped():
    text = "x" * 40
    gold = [doc("a", text, [g_ent(0, 2, "place"), g_ent(3, 5, "misc"), g_ent(6, 8, "duration")])]
    pred = [{"id": "a", "entities": [{"type": "misc", "start": 3, "end": 5},
                                     {"type": "weapon", "start": 10, "end": 12}]}]
    r = score(gold, pred)
    assert list(r["types"]) == ["place"]           # misc/duration are not default types
    assert_prf(r["micro"]["strict"], 0, 0, 1)
    r = score(gold, pred, "--types", "misc,duration,weapon")
    assert list(r["types"]) == ["misc", "duration", "weapon"]
    assert_prf(r["types"]["misc"]["strict"], 1, 0, 0)
    assert_prf(r["types"]["duration"]["strict"], 0, 0, 1)
    assert_prf(r["types"]["weapon"]["strict"], 0, 1, 0)
    assert "date_value" not in r
    # A requested type absent on both sides scores 0.0, and counts in the macro mean.
    r = score(gold, pred, "--types", "misc,date")
    assert_prf(r["types"]["date"]["strict"], 0, 0, 0)
    assert close(r["macro"]["strict"]["f1"], 0.5)
    assert r["date_value"]["matched"] == 0 and r["date_value"]["accuracy"] == 0.0


@check
def test_error_line_and_order():
    gold = [doc("a", TEXT, [g_ent(*LAKKI, "place")]), doc("b", TEXT, [g_ent(*KP, "place")])]
    # Predicted lines in another order; "a" failed.
    pred = [{"id": "b", "entities": [{"type": "place", "start": KP[0], "end": KP[1]}]},
            {"id": "a", "error": "invalid UTF-8 at byte 3"}]
    r = score(gold, pred)
    assert_prf(r["types"]["place"]["strict"], 1, 0, 1)
    assert r["documents"] == 2


@check
def test_code_point_offsets():
    text = "“Quetta” — 😀 Peshawar"
    start = text.index("Peshawar")
    gold = [doc("a", text, [g_ent(start, start + 8, "place")])]
    pred = [{"id": "a", "entities": [{"type": "place", "start": start, "end": start + 8}]}]
    assert_prf(score(gold, pred)["types"]["place"]["strict"], 1, 0, 0)
    # end == len(text) is allowed, one more is not.
    pred[0]["entities"][0]["end"] = len(text) + 1
    assert run(gold, pred).returncode == 2


@check
def test_bad_input_exits_2():
    gold = [doc("a", TEXT, [g_ent(*LAKKI, "place")]), doc("b", TEXT, [])]
    ok_a = {"id": "a", "entities": []}
    ok_b = {"id": "b", "entities": []}
    cases = {
        "missing predicted id": ([ok_a], ["\"b\""]),
        "extra predicted id": ([ok_a, ok_b, {"id": "zz", "entities": []}], ["\"zz\""]),
        "duplicate predicted id": ([ok_a, ok_b, ok_b], ["\"b\""]),
        "start == end": ([{"id": "a", "entities": [{"type": "place", "start": 3, "end": 3}]}, ok_b], []),
        "negative start": ([{"id": "a", "entities": [{"type": "place", "start": -1, "end": 3}]}, ok_b], []),
        "end past text": ([{"id": "a", "entities": [{"type": "place", "start": 0, "end": len(TEXT) + 1}]},
                           ok_b], []),
        "string offset": ([{"id": "a", "entities": [{"type": "place", "start": "0", "end": 3}]}, ok_b], []),
        "line without id": ([ok_a, ok_b, {"line": 3, "error": "not JSON"}], []),
        "invalid JSON": ([ok_a, ok_b, "{not json"], []),
    }
    for name, (pred, must_name) in cases.items():
        proc = run(gold, pred)
        assert proc.returncode == 2, (name, proc.returncode, proc.stdout, proc.stderr)
        assert proc.stdout == "", (name, proc.stdout)
        for needle in must_name:
            assert needle in proc.stderr, (name, proc.stderr)
    # Both directions named at once.
    proc = run(gold, [ok_a, {"id": "c", "entities": []}])
    assert proc.returncode == 2 and "\"b\"" in proc.stderr and "\"c\"" in proc.stderr, proc.stderr
    # Duplicate gold ids.
    proc = run(gold + [gold[0]], [ok_a, ok_b])
    assert proc.returncode == 2 and "\"a\"" in proc.stderr, proc.stderr
    # Bad gold offsets.
    proc = run([doc("a", "abc", [{"start": 1, "end": 9, "type": "place", "text": "bc"}])], [ok_a])
    assert proc.returncode == 2, proc.stderr
    # Missing file.
    proc = run_files(os.path.join(TMP, "nope.jsonl"), os.path.join(TMP, "nope.jsonl"))
    assert proc.returncode == 2, proc.stderr


@check
def test_table_output():
    gold = [doc("a", TEXT, [g_ent(*LAKKI, "place"), g_ent(*TUESDAY, "date", value="2024-03-05")])]
    pred = [to_predicted(gold[0])]
    proc = run(gold, pred)
    assert proc.returncode == 0, proc.stderr
    for needle in ("documents: 1", "place", "date", "micro", "macro", "1.000", "date values"):
        assert needle in proc.stdout, (needle, proc.stdout)


# --------------------------------------------------------------------------
# Randomised comparison with a naive implementation
# --------------------------------------------------------------------------

def naive_partial(gold, pred):
    """Greedy matching by repeated selection of the best remaining pair.

    Written independently of the script: no sorting of a candidate list,
    just "pick the minimum of what is left" until nothing overlaps.
    """
    free_g, free_p = set(range(len(gold))), set(range(len(pred)))
    pairs = []
    while True:
        best = None
        for gi in free_g:
            for pi in free_p:
                (gs, ge), (ps, pe) = gold[gi][:2], pred[pi][:2]
                if gs < pe and ps < ge:
                    key = ((gs, ge) != (ps, pe), -(min(ge, pe) - max(gs, ps)), gs, ps, ge, pe, gi, pi)
                    if best is None or key < best:
                        best = key
        if best is None:
            return pairs
        gi, pi = best[-2], best[-1]
        free_g.discard(gi)
        free_p.discard(pi)
        pairs.append((gi, pi))


def naive_strict_pairs(gold, pred):
    """k-th gold with a span ↔ k-th prediction with the same span."""
    pairs = []
    for span in {g[:2] for g in gold}:
        gs = [i for i, g in enumerate(gold) if g[:2] == span]
        ps = [i for i, p in enumerate(pred) if p[:2] == span]
        pairs += list(zip(gs, ps))
    return pairs


def naive_scores(gold_rows, pred_rows, types):
    """Expected JSON result, from (start, end, value, record) tuples."""
    pred_by_id = {p["id"]: p for p in pred_rows}
    counts = {t: {"strict": [0, 0, 0], "partial": [0, 0, 0]} for t in types}
    date = Counter()
    rec, out = [0, 0, 0], [0, 0, 0]
    for g_row in gold_rows:
        p_row = pred_by_id[g_row["id"]]
        p_ents = [] if "error" in p_row else p_row["entities"]
        for t in types:
            gold = [(e["start"], e["end"], e.get("value")) for e in g_row["entities"] if e["type"] == t]
            pred = [(e["start"], e["end"], (e.get("date") or {}).get("value"))
                    for e in p_ents if e["type"] == t]
            sp, pp = naive_strict_pairs(gold, pred), naive_partial(gold, pred)
            assert len(sp) == sum((Counter(g[:2] for g in gold) & Counter(p[:2] for p in pred)).values())
            for mode, pairs in (("strict", sp), ("partial", pp)):
                c = counts[t][mode]
                c[0] += len(pairs)
                c[1] += len(pred) - len(pairs)
                c[2] += len(gold) - len(pairs)
            if t == "date":
                for prefix, pairs in (("", pp), ("strict_", sp)):
                    date[prefix + "matched"] += len(pairs)
                    date[prefix + "correct"] += sum(gold[a][2] == pred[b][2] for a, b in pairs)
        if "casualty" in types:
            def records(ents):
                return [(e["casualty"].get("outcome"), e["casualty"].get("min"), e["casualty"].get("max"))
                        for e in ents if e["type"] == "casualty" and isinstance(e.get("casualty"), dict)]
            for target, g, p in ((rec, records(g_row["entities"]), records(p_ents)),
                                 (out, [r[0] for r in records(g_row["entities"])], [r[0] for r in records(p_ents)])):
                tp = sum((Counter(g) & Counter(p)).values())
                target[0] += tp
                target[1] += len(p) - tp
                target[2] += len(g) - tp
    return counts, date, rec, out


@check
def test_random_against_naive():
    rng = random.Random(20240303)
    types = ["place", "date", "casualty"]
    outcomes = ["killed", "injured", "arrested"]
    values = ["2024-03-03", "2024-03-04", None]
    for round_ in range(5):
        gold_rows, pred_rows = [], []
        for d in range(60):
            length = rng.randint(5, 40)
            text = "x" * length

            def entities(n, predicted):
                out = []
                for _ in range(n):
                    start = rng.randrange(length)
                    end = rng.randint(start + 1, min(length, start + 8))
                    t = rng.choice(types)
                    e = {"type": t, "start": start, "end": end, "text": text[start:end]}
                    value = rng.choice(values)
                    if t == "date" and value is not None:
                        if predicted:
                            e["date"] = {"value": value}
                        else:
                            e["value"] = value
                    if t == "casualty" and rng.random() < 0.9:
                        e["casualty"] = {"outcome": rng.choice(outcomes), "min": rng.choice([1, 2, None]),
                                         "max": rng.choice([2, None])}
                    out.append(e)
                return out

            gold_ents = entities(rng.randint(0, 6), False)
            pred_ents = entities(rng.randint(0, 6), True)
            # Copy some gold spans exactly (with duplicates) so strict matches happen.
            for e in rng.sample(gold_ents, k=min(len(gold_ents), 3)):
                copy = {k: v for k, v in e.items() if k != "value"}
                if "value" in e and rng.random() < 0.7:
                    copy["date"] = {"value": e["value"]}
                pred_ents += [copy] * rng.choice([1, 1, 2])
            rng.shuffle(pred_ents)
            gold_rows.append({"id": f"d{d}", "text": text, "entities": gold_ents})
            if rng.random() < 0.05:
                pred_rows.append({"id": f"d{d}", "error": "failed"})
            else:
                pred_rows.append({"id": f"d{d}", "entities": pred_ents})
        rng.shuffle(pred_rows)

        r = score(gold_rows, pred_rows, "--types", ",".join(types))
        counts, date, rec, out = naive_scores(gold_rows, pred_rows, types)
        for t in types:
            for mode in ("strict", "partial"):
                assert_prf(r["types"][t][mode], *counts[t][mode])
        for mode in ("strict", "partial"):
            assert_prf(r["micro"][mode], *[sum(counts[t][mode][i] for t in types) for i in range(3)])
            for i, key in enumerate(("precision", "recall", "f1")):
                expected = sum(prf(*counts[t][mode])[i] for t in types) / len(types)
                assert close(r["macro"][mode][key], expected), (round_, mode, key)
        for key in ("matched", "correct", "strict_matched", "strict_correct"):
            assert r["date_value"][key] == date[key], (round_, key, r["date_value"], date)
        assert_prf(r["casualty_records"], *rec)
        assert_prf(r["casualty_outcomes"], *out)
        assert r["types"]["place"]["partial"]["tp"] >= r["types"]["place"]["strict"]["tp"]


# --------------------------------------------------------------------------
# The corpora
# --------------------------------------------------------------------------

CORPUS_RESULTS = {}


def corpus_files():
    files = sorted(glob.glob(os.path.join(CORPORA, "*.jsonl")))
    assert files, f"no corpora in {CORPORA}"
    return files


def load_rows(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle.read().split("\n") if line.strip()]


def expected_types(rows):
    present = {e["type"] for row in rows for e in row["entities"]}
    return [t for t in DEFAULT_TYPES if t in present]


@check
def test_corpora_self_score():
    for path in corpus_files():
        rows = load_rows(path)
        pred = write_jsonl("self.jsonl", [to_predicted(row) for row in rows])
        r = score_files(path, pred)
        name = os.path.basename(path)
        types = expected_types(rows)
        assert list(r["types"]) == types, (name, list(r["types"]), types)
        assert r["documents"] == len(rows)
        for t in types:
            n = sum(e["type"] == t for row in rows for e in row["entities"])
            for mode in ("strict", "partial"):
                assert_prf(r["types"][t][mode], n, 0, 0)
        for block in (r["micro"]["strict"], r["micro"]["partial"], r["macro"]["strict"], r["macro"]["partial"]):
            assert block["precision"] == block["recall"] == block["f1"] == 1.0, (name, block)
        if "date" in types:
            d = r["date_value"]
            assert d["matched"] == d["correct"] == d["strict_matched"] == d["strict_correct"], (name, d)
            assert d["accuracy"] == d["strict_accuracy"] == 1.0, (name, d)
        if "casualty" in types:
            assert r["casualty_records"]["f1"] == r["casualty_outcomes"]["f1"] == 1.0, name
        # Scoring the gold file as its own prediction: dates carry `value`, not
        # `date.value`, so values only agree where both are missing.
        r2 = score_files(path, path)
        assert r2["micro"]["strict"]["f1"] == 1.0, name
        if "date" in types:
            with_value = sum(e["type"] == "date" and "value" in e for row in rows for e in row["entities"])
            assert r2["date_value"]["correct"] == r2["date_value"]["matched"] - with_value, (name, r2["date_value"])
        CORPUS_RESULTS.setdefault(name, {})["self"] = r["micro"]


@check
def test_corpora_shifted():
    for path in corpus_files():
        rows = load_rows(path)
        shifted = [to_predicted(row, shift=1) for row in rows]
        pred = write_jsonl("shifted.jsonl", shifted)
        r = score_files(path, pred)
        name = os.path.basename(path)
        # Strict TP can only come from a shifted span that lands on another gold
        # span of the same type; count those independently.
        expected_strict = 0
        for row, p_row in zip(rows, shifted):
            for t in r["types"]:
                g = Counter((e["start"], e["end"]) for e in row["entities"] if e["type"] == t)
                p = Counter((e["start"], e["end"]) for e in p_row["entities"] if e["type"] == t)
                expected_strict += sum((g & p).values())
        assert r["micro"]["strict"]["tp"] == expected_strict, (name, r["micro"]["strict"], expected_strict)
        assert r["micro"]["strict"]["f1"] < 0.02, (name, r["micro"]["strict"])
        # Every span of two or more characters still overlaps its own copy.
        assert r["micro"]["partial"]["f1"] > 0.9, (name, r["micro"]["partial"])
        assert r["micro"]["partial"]["tp"] >= r["micro"]["strict"]["tp"]
        n = sum(1 for row in rows for e in row["entities"] if e["type"] in r["types"])
        assert r["micro"]["partial"]["tp"] + r["micro"]["partial"]["fn"] == n
        CORPUS_RESULTS.setdefault(name, {})["shifted"] = r["micro"]


# --------------------------------------------------------------------------

def main() -> int:
    passed = failed = 0
    for function in CHECKS:
        try:
            function()
        except Exception:
            failed += 1
            print(f"FAIL {function.__name__}")
            traceback.print_exc()
        else:
            passed += 1
            print(f"ok   {function.__name__}")
    if CORPUS_RESULTS:
        print("\nmicro F1 (strict / partial):")
        for name, res in sorted(CORPUS_RESULTS.items()):
            parts = [f"{k} {v['strict']['f1']:.3f} / {v['partial']['f1']:.3f}" for k, v in res.items()]
            print(f"  {name:<24} " + "   ".join(parts))
    shutil.rmtree(TMP, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
