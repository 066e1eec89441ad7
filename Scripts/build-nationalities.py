#!/usr/bin/env python3
"""Derive Gazetteers/nationalities/nationalities-world.tsv from OpenSextant's nationality
list, for the demonyms the hand-written nationalities.tsv does not have.

Usage (from the repository root):

    python3 Scripts/build-nationalities.py [--sources ../shared/gazetteer-sources]

OpenSextant Xponents' nationalities.csv maps lower-case nationality words to ISO 3166-1
alpha-3 codes ("panamanian,PAN", "panamanians,PAN"). Here:
  - each country's words become one entry per singular form, its plural ("-s") an alias;
    the name is title-cased ("central african" -> "Central African");
  - every surface is case-sensitive (`=`): a demonym is written with a capital, and
    several are also English words in lower case ("polish", "chinese checkers" aside);
  - words that nationalities.tsv already has (as a name or an alias), words without a
    country code, and codes that ISO 3166-1 does not have are left out;
  - a word given for two countries is left out (ambiguous), and the few codes that name
    another country than the people's own are corrected (CODE_CORRECTIONS);
  - continental adjectives ("African", "European") are no nationality (docs/ANNOTATION.md)
    and the source has none.

Deterministic (same sources, same bytes); Python 3.11 standard library only.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Gazetteers" / "nationalities" / "nationalities-world.tsv"
CURATED = ROOT / "Gazetteers" / "nationalities" / "nationalities.tsv"

# Codes the source gives that name another country than the people's own: the Abkhaz
# live in Abkhazia (Georgia), the Azeris mostly in Azerbaijan.
CODE_CORRECTIONS = {"abkhaz": "GEO", "abkhazian": "GEO", "abkhazians": "GEO", "azeri": "AZE", "azeris": "AZE"}



def title(words: str) -> str:
    """'central african' -> 'Central African'; hyphenated parts too ('guinea-bissauan')."""
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in words.split())


def fold(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold()


def slug(s: str) -> str:
    ascii_only = unicodedata.normalize("NFKD", fold(s)).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_only).split())


def curated_surfaces() -> set[str]:
    surfaces: set[str] = set()
    for line in CURATED.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        surfaces.add(fold(fields[0].lstrip("=")))
        if len(fields) > 3 and fields[3] not in ("", "-"):
            surfaces.update(fold(a.lstrip("=")) for a in fields[3].split("|"))
    return surfaces


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "gazetteer-sources")
    args = parser.parse_args()
    alpha2 = {
        e["alpha_3"]: e["alpha_2"]
        for e in json.loads((args.sources / "iso-codes" / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    }
    countries_of: dict[str, set[str]] = {}
    with (args.sources / "opensextant" / "nationalities.csv").open(encoding="utf-8") as f:
        for row in csv.reader(f):
            if not row or row[0].startswith("#") or len(row) < 2:
                continue
            word, code = row[0].strip(), row[1].strip()
            code = CODE_CORRECTIONS.get(word, code)
            if not word or code not in alpha2:
                continue
            countries_of.setdefault(word, set()).add(alpha2[code])
    known = curated_surfaces()
    entries: dict[str, tuple[str, str, list[str]]] = {}
    words = {w: next(iter(c)) for w, c in countries_of.items() if len(c) == 1}
    for word, country in sorted(words.items()):
        if word.endswith("s") and word[:-1] in words:
            continue  # a plural: the alias of its singular
        if fold(word) in known:
            continue
        plural = word + "s"
        aliases = [title(plural)] if plural in words and words[plural] == country and fold(plural) not in known else []
        ident = f"opensextant:nationality/{slug(word)}"
        if ident in entries:  # a spelling without diacritics: "Sao Tomean", "São Toméan"
            entries[ident][2].extend([title(word)] + aliases)
        else:
            entries[ident] = (title(word), country, aliases)
    lines = []
    for ident, (name, country, aliases) in entries.items():
        aliases = sorted(set(aliases) - {name})
        alias_field = "|".join("=" + a for a in aliases) or "-"
        lines.append(f"={name}\tnationality\t{ident}\t{alias_field}\tcountry={country}")
    lines.sort(key=lambda s: s.encode("utf-8"))
    header = [
        "# Nationalities the hand-written nationalities.tsv lacks: demonyms and national",
        "# adjectives from OpenSextant Xponents' nationalities.csv (Apache-2.0), one entry per",
        "# singular form with its plural as an alias, mapped to the ISO 3166-1 alpha-2 code;",
        "# every surface case-sensitive (demonyms are capitalised; some are words in lower",
        "# case). Words of two countries are left out.",
        "# Generated by Scripts/build-nationalities.py: do not edit by hand.",
    ]
    OUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(lines)} entries)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
