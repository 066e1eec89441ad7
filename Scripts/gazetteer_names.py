"""Helpers shared by the scripts that derive organisation, people and region lists.

Imported by Scripts/build-actors.py, build-institutions.py, build-regions.py and
build-people.py; not a script of its own. Python 3.11 standard library only.

What is here:
  - `Words`: Debian's `wamerican` word list, read once, which tells common English
    words ("target", "gap") from proper nouns ("Merck", "Kremlin") and acronyms ("NATO");
  - `restore_case`: names written in capitals ("FORD_MOTOR_CO", "UNITED_NATIONS") back to
    the case news writes them in, acronyms kept in capitals;
  - `fold`, `slug`, `clean`: the matching key, the ID part and the field cleaning every
    list uses;
  - `taken_surfaces`: the surfaces other gazetteer files already give an entry of a type,
    so that a derived list does not repeat a curated entry;
  - `iso3_to_iso2`: ISO 3166-1 alpha-3 to alpha-2 codes from Debian iso-codes;
  - `write_tsv`, `check_tsv`: sorted, NFC output with header comments, and the checks of
    Gazetteers/FORMAT.md that a generated file can fail.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GAZ = REPO / "Gazetteers"
DEFAULT_SOURCES = REPO.parent / "shared" / "gazetteer-sources"
DEFAULT_WORDS = Path("/usr/share/dict/american-english")


def parse_arguments(doc: str) -> argparse.Namespace:
    """The scripts' command line: `--sources DIR` and `--words FILE`; exits with a message
    naming the Debian package when the word list is missing."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--words", type=Path, default=DEFAULT_WORDS)
    args = parser.parse_args()
    if not args.words.exists():
        print(f"{args.words}: not found (apt-get install wamerican)", file=sys.stderr)
        sys.exit(1)
    return args

# Lower case inside a name restored from capitals.
SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "to", "at", "by", "with", "a", "an",
               "de", "du", "des", "la", "le", "les", "et", "pour", "en", "y", "del", "da",
               "do", "dos", "das", "di", "della", "der", "den", "und", "für", "van", "von"}
# Particles of transliterated Arabic, Persian and Urdu names: lower case when hyphenated
# or inside a name ("Jaish-e-Mohammed", "Ahrar al-Sham").
PARTICLES = {"al", "el", "ul", "ud", "ur", "e", "i", "wa", "wal", "bin", "ibn", "ash", "ad",
             "az"}
FUNCTION_WORDS = SMALL_WORDS | {"al", "el", "s"}
# Month and weekday names: a surface with one of them is read as a date.
CALENDAR_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december", "monday", "tuesday",
                  "wednesday", "thursday", "friday", "saturday", "sunday"}
# Roman numerals stay in capitals.
ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")


class Words:
    """Debian's word list, by the case its entries are written in."""

    def __init__(self, path: Path) -> None:
        self.common: set[str] = set()   # lower-case entries: "target", "gap", "house"
        self.proper: dict[str, str] = {}  # folded -> spelling of capitalised entries
        self.upper: set[str] = set()    # entries in capitals: "NATO", "BBC"
        # Folded personal names and particles the caller knows ("abu", "bin"): never
        # acronyms when restoring case.
        self.names: set[str] = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            w = line.strip()
            if not w or "'" in w:
                continue
            if w == w.lower():
                self.common.add(w)
            elif w == w.upper() and len(w) > 1:
                self.upper.add(w)
                self.proper.setdefault(w.lower(), w)
            else:
                self.proper.setdefault(w.lower(), w)

    def is_common(self, word: str) -> bool:
        """A lower-case English word, or its plural."""
        w = word.lower()
        return w in self.common or (w.endswith("s") and w[:-1] in self.common) or (
            w.endswith("es") and w[:-2] in self.common)

    def is_generic(self, surface: str, most: int = 2) -> bool:
        """At most `most` content words, all of them common English words: a
        description ("Autonomous Cells", "Organization"), not a name. Longer names made of
        common words ("International Civil Aviation Organization") are names."""
        if surface.startswith("="):
            return False
        tokens = [t for t in re.split(r"[\s\-’'.,&/]+", surface.lower()) if t]
        content = [t for t in tokens if t not in FUNCTION_WORDS]
        if not content:
            return True
        if len(content) > most:
            return False
        return all(self.is_common(t) and t not in self.proper for t in content)


def clean(s: str) -> str:
    """NFC, no format characters, no characters that the TSV format reserves."""
    s = unicodedata.normalize("NFC", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) not in ("Cf", "Cc"))
    s = s.replace("\t", " ").replace("|", "/").replace(";", ",").replace('"', "")
    s = re.sub(r"\s+", " ", s).strip(" ,")
    return s


def fold(s: str) -> str:
    """The matching key: no `=`, no diacritics, one apostrophe and hyphen, case-folded."""
    s = unicodedata.normalize("NFKD", s.lstrip("="))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    s = re.sub("[‐‑–—]", "-", s)
    return re.sub(r"\s+", " ", s).strip().casefold()


def slug(s: str) -> str:
    """An ID part: ASCII letters and digits joined by hyphens."""
    s = unicodedata.normalize("NFKD", s.lstrip("="))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def is_acronym_word(word: str, words: Words, alone: bool = True) -> bool:
    """Whether a word found in capitals is an acronym ("BBC", "UNHCR"), not a name.

    Inside a longer name (`alone` false) only words of three letters or fewer and words
    without a vowel are: "ABU BAKR" is a name."""
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return False
    lower = word.lower()
    if lower in words.common or lower in words.proper and words.proper[lower] != word.upper():
        return False
    if lower in words.names:
        return False
    if word in words.upper:
        return True
    if len(letters) <= 3:
        return True
    if not alone:
        return not any(ch in "AEIOUY" for ch in word.upper())
    return looks_unpronounceable(word)


# Consonant pairs that English words have; a short word with another pair ("USDA",
# "SADC", "CIBC") is read letter by letter.
WORD_PAIRS = set("br bl cr cl dr fr fl gr gl pr pl tr sc sk sl sm sn sp st sw th sh ch ph "
                 "wh ck ng nd nt nk mp mb rt rd rk rm rn rl rp rc rg rs ll ss tt ff mm nn pp "
                 "rr ld lt lk lm lp ct ft pt xt ns ts ks ms ls ds gh kh zh tz wn wl".split())


def looks_unpronounceable(word: str) -> bool:
    """A word of up to five letters with no vowel, or with a consonant pair English
    words do not have: an acronym ("UNHCR", "USDA"); "Duma", "Amal", "Brac" are not."""
    letters = "".join(ch for ch in word.lower() if ch.isalpha())
    if not letters or len(letters) > 5:
        return False
    if not any(ch in "aeiouy" for ch in letters):
        return True
    for a, b in zip(letters, letters[1:]):
        if a not in "aeiouy" and b not in "aeiouy" and a + b not in WORD_PAIRS:
            return True
    return False


def restore_word(word: str, words: Words, first: bool, alone: bool = True) -> str:
    """One word of a name in capitals, in the case news writes it."""
    if not word:
        return word
    if "." in word and re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?", word):
        return word.upper()  # U.S., U.N.
    if any(ch.isdigit() for ch in word):
        ordinal = re.fullmatch(r"(\d+)(ST|ND|RD|TH|S)", word.upper())
        if ordinal:
            return ordinal.group(1) + ordinal.group(2).lower()  # 1st, 1920s
        return word.upper() if re.fullmatch(r"[A-Z0-9-]+", word.upper()) else word
    if ROMAN.match(word.upper()) and len(word) <= 4 and word.upper() not in {"I", "MIX", "DIV", "CIV", "LID", "MID", "DIM", "MIL", "VIC"}:
        return word.upper()
    parts = word.split("-")
    if len(parts) > 1:
        out = []
        for index, part in enumerate(parts):
            if part.lower() in PARTICLES and (index > 0 or len(parts) > 1) and not (first and index == 0 and part.lower() not in {"al", "el"}):
                out.append(part.lower())
            else:
                out.append(restore_word(part, words, first and index == 0, alone))
        return "-".join(out)
    lower = word.lower()
    if lower in ("al", "el") and not first or lower == "al":
        return lower
    if not first and lower in SMALL_WORDS:
        return lower
    if not first and lower in PARTICLES:
        return lower
    if is_acronym_word(word, words, alone):
        return word.upper()
    if lower in words.proper and words.proper[lower] != words.proper[lower].upper():
        return words.proper[lower]  # McDonald, LaSalle
    # Apostrophes: O'NEILL -> O'Neill, PEOPLE'S -> People's
    m = re.match(r"^([a-z])['’]([a-z].*)$", lower)
    if m and len(m.group(2)) > 2:
        return m.group(1).upper() + "'" + m.group(2)[:1].upper() + m.group(2)[1:]
    if re.match(r"^mc[a-z]{2,}$", lower):
        return "Mc" + lower[2].upper() + lower[3:]
    return lower[:1].upper() + lower[1:]


def restore_case(name: str, words: Words) -> str:
    """A name written in capitals ("WORLD_FOOD_PROGRAMME", "BBC WORLD SERVICE"), in the
    case news writes it; names with lower-case letters are returned as they are."""
    if any(ch.islower() for ch in name):
        return name
    tokens = name.split(" ")
    alone = len(tokens) == 1
    return " ".join(restore_word(t, words, i == 0, alone) for i, t in enumerate(tokens))


def read_iso3(sources: Path) -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> alpha-2, from Debian iso-codes."""
    data = json.loads((sources / "iso-codes" / "iso_3166-1.json").read_text(encoding="utf-8"))
    return {row["alpha_3"]: row["alpha_2"] for row in data["3166-1"]}


def entry_surfaces(line: str) -> tuple[str, str, list[str]] | None:
    """The type, ID and surfaces (name first, `=` kept) of one gazetteer line."""
    if not line or line.startswith("#"):
        return None
    fields = line.rstrip("\n").split("\t")
    if len(fields) < 3:
        return None
    surfaces = [fields[0]]
    if len(fields) > 3 and fields[3] not in ("", "-"):
        surfaces += fields[3].split("|")
    return fields[1], fields[2], surfaces


def taken_surfaces(paths: list[Path], entry_type: str) -> set[str]:
    """The folded surfaces that entries of `entry_type` in `paths` already have."""
    taken = set()
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            parsed = entry_surfaces(line)
            if parsed and parsed[0] == entry_type:
                taken.update(fold(s) for s in parsed[2])
    return taken


def unique_id(base: str, ids: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… when taken; the result is added to `ids`."""
    entry_id = base
    n = 2
    while entry_id in ids:
        entry_id = f"{base}-{n}"
        n += 1
    ids.add(entry_id)
    return entry_id


def sort_key(line: str) -> bytes:
    return line.encode("utf-8")


def write_tsv(path: Path, header: list[str], lines: list[str]) -> None:
    """Writes header comments and the sorted, NFC, de-duplicated lines."""
    lines = sorted({unicodedata.normalize("NFC", l) for l in lines}, key=sort_key)
    text = "".join(f"# {h}\n" if h else "#\n" for h in header) + "".join(l + "\n" for l in lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


ID_RE = re.compile(r"[A-Za-z0-9_.:/+-]+")
KEY_RE = re.compile(r"[a-z][a-z0-9_]*")


def check_tsv(path: Path) -> list[str]:
    """The problems Gazetteers/FORMAT.md forbids that a generated line can have."""
    problems = []
    previous = None
    seen: dict[tuple[str, str], int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        where = f"{path.relative_to(REPO)}:{number}"
        if previous is not None and line.encode() < previous.encode():
            problems.append(f"{where}: not sorted")
        previous = line
        if unicodedata.normalize("NFC", line) != line:
            problems.append(f"{where}: not NFC")
        fields = line.split("\t")
        if not 3 <= len(fields) <= 5:
            problems.append(f"{where}: {len(fields)} fields")
            continue
        name, entry_type, entry_id = fields[:3]
        if not name or name != name.strip():
            problems.append(f"{where}: bad name")
        if not ID_RE.fullmatch(entry_id):
            problems.append(f"{where}: bad ID {entry_id!r}")
        if (entry_type, entry_id) in seen:
            problems.append(f"{where}: duplicate of line {seen[(entry_type, entry_id)]}")
        seen[(entry_type, entry_id)] = number
        if len(fields) > 3 and fields[3] not in ("", "-"):
            for alias in fields[3].split("|"):
                if not alias or alias != alias.strip() or alias == "=":
                    problems.append(f"{where}: bad alias {alias!r}")
        if len(fields) > 4 and fields[4] not in ("", "-"):
            for pair in fields[4].split(";"):
                key, _, value = pair.partition("=")
                if not KEY_RE.fullmatch(key) or not value:
                    problems.append(f"{where}: bad attribute {pair!r}")
    return problems


# Legal-form suffixes of company names, folded without dots, with the spelling a
# canonical name uses and the long form news also writes.
COMPANY_SUFFIXES = {
    "inc": ("Inc.", "Incorporated"), "incorporated": ("Incorporated", None),
    "corp": ("Corp.", "Corporation"), "corporation": ("Corporation", None),
    "co": ("Co.", "Company"), "company": ("Company", None),
    "ltd": ("Ltd.", "Limited"), "limited": ("Limited", None),
    "llc": ("LLC", None), "plc": ("plc", None), "lp": ("LP", None),
    "sa": ("SA", None), "ag": ("AG", None), "nv": ("NV", None), "se": ("SE", None),
    "spa": ("SpA", None), "ab": ("AB", None), "asa": ("ASA", None), "oyj": ("Oyj", None),
    "bhd": ("Bhd", None), "berhad": ("Berhad", None), "kk": ("K.K.", None),
    "sab": ("SAB", None), "cv": ("CV", None), "de": (None, None),
}


def split_company_suffix(name: str) -> tuple[str, str | None, str | None]:
    """("Ford Motor", "Co.", "Company") for "Ford Motor Co": the core, the suffix next to
    it as a canonical name writes it, and its long form; (name, None, None) without one.

    Suffixes are taken off the end one by one ("Merck & Co., Inc." -> "Merck"; the
    suffix is "& Co."); "de" is a suffix only after another one ("S.A. de C.V.")."""
    parts = name.split()
    removed: list[str] = []
    while len(parts) > 1:
        key = parts[-1].strip(",").replace(".", "").lower()
        if key in COMPANY_SUFFIXES and (key != "de" or removed):
            removed.append(parts.pop())
            continue
        if parts[-1] in ("&", "and") and removed:
            parts.pop()
            if removed[-1].strip(",.").lower() in ("co", "company"):
                removed[-1] = "& " + removed[-1]
            continue
        break
    if not removed or not parts:
        return name, None, None
    core = " ".join(parts).rstrip(" ,")
    nearest = removed[-1]
    ampersand = nearest.startswith("& ")
    key = nearest.removeprefix("& ").strip(",").replace(".", "").lower()
    short, long_form = COMPANY_SUFFIXES[key]
    if short is None:
        return core, None, None
    if ampersand:
        return core, "& " + short, "& Company"
    return core, short, long_form


# A one-word name that is a place of at least this many people is the place in news far
# more often than anything else called so ("Chelsea", "Liverpool").
PLACE_POPULATION = 15_000
# A city of this many people is a strong place for the extractor (PlaceRules.isStrong).
STRONG_POPULATION = 100_000


class Lexicons:
    """The bundled lists a derived name is checked against: given names and surnames
    (Gazetteers/people/), titles and honorifics, and the names of countries,
    subdivisions and towns of PLACE_POPULATION or more (Gazetteers/places/)."""

    def __init__(self, words: Words) -> None:
        self.words = words
        people = GAZ / "people"
        self.given = self._names([people / "given-names.tsv", people / "given-names-curated.tsv"])
        self.surnames = self._names([people / "surnames.tsv", people / "surnames-curated.tsv"])
        self.titles = self._names([people / "titles.tsv", people / "honorifics.tsv"])
        self.particles = self._names([people / "particles.tsv"])
        organizations = GAZ / "organizations"
        self.heads = self._names([organizations / "org-heads.tsv", organizations / "org-generic.tsv"])
        words.names |= self.given | self.surnames | self.particles | {
            fold(t) for t in self.titles if " " not in t}
        self.nationalities = taken_surfaces([GAZ / "nationalities" / "nationalities.tsv"], "nationality")
        self.places = taken_surfaces([GAZ / "places" / "countries.tsv", GAZ / "places" / "subdivisions.tsv"], "place")
        # Every surface of a strong place (a country, a subdivision, a city of
        # STRONG_POPULATION or more): the extractor prefers such a place to an entry of
        # another type with the same words, so a one-word name that is one is never found.
        self.strong_places = taken_surfaces(
            [GAZ / "places" / "countries.tsv", GAZ / "places" / "subdivisions.tsv"], "place")
        for line in (GAZ / "places" / "cities.tsv").read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                continue
            fields = line.split("\t")
            m = re.search(r"(?:^|;)population=(\d+)", fields[4]) if len(fields) > 4 else None
            if m and int(m.group(1)) >= PLACE_POPULATION:
                self.places.add(fold(fields[0]))
            if m and int(m.group(1)) >= STRONG_POPULATION:
                parsed = entry_surfaces(line)
                if parsed:
                    self.strong_places.update(fold(s) for s in parsed[2])

    @staticmethod
    def _names(paths: list[Path]) -> set[str]:
        out = set()
        for path in paths:
            for line in path.read_text(encoding="utf-8").splitlines():
                parsed = entry_surfaces(line)
                if parsed:
                    out.update(fold(s) for s in parsed[2])
        return out

    def is_risky_word(self, surface: str) -> bool:
        """A one-word surface that is a common word, a personal name, a place or a
        nationality, a head or modifier of organisation names ("Centre"), or has fewer
        than three letters."""
        key = fold(surface)
        if " " in key:
            return False
        return (len(key) < 3 or self.words.is_common(key) or key in self.given
                or key in self.surnames or key in self.places or key in self.nationalities
                or key in self.strong_places or key in self.heads)

    @staticmethod
    def unmatchable(surface: str) -> bool:
        """A surface whose first word starts with a digit and has lower-case letters
        ("1st Source", "10x Genomics"): the extractor reads such a word as no capital, so
        the name is never found."""
        first = surface.lstrip("=").split(" ")[0]
        return first[:1].isdigit() and any(ch.islower() for ch in first)


def company_forms(name: str, lexicons: Lexicons) -> tuple[str, list[str]]:
    """A company's canonical name and aliases from its registered name: "FORD MOTOR CO"
    -> ("Ford Motor Co.", ["Ford Motor", "Ford Motor Co", "Ford Motor Company"]).

    The core without its legal suffix is an alias only when it is safe alone: not one or
    two common words ("Target", "Gap"), not a one-word personal or place name, not a bare
    acronym of three letters or fewer."""
    core, short, long_form = split_company_suffix(name)
    if short is None:
        return name, []
    canonical = f"{core} {short}" if not short.startswith("&") else f"{core} {short}"
    aliases = {f"{core} {short.rstrip('.')}"}
    if long_form:
        aliases.add(f"{core} {long_form}")
    words = lexicons.words
    acronym = re.fullmatch(r"[A-Z0-9&.\-]{1,3}", core) is not None
    if not words.is_generic(core, most=1) and not lexicons.is_risky_word(core) and not acronym:
        aliases.add(core)
    aliases.discard(canonical)
    return canonical, sorted(aliases)


def exact_if_common(surface: str, words: Words) -> str:
    """A surface of several words that are all common English words ("General Motors",
    "Force Protection"), or that ends in one ("Fatah Movement", "Kyodo News"), is
    case-sensitive: in text, "Force protection" is no name, and in "the Fatah movement"
    or "Kyodo news agency" the lower-case words are a description outside the name."""
    if surface.startswith("=") or " " not in surface:
        return surface
    if words.is_generic(surface, most=99):
        return "=" + surface
    last = surface.split()[-1].strip(".,").lower()
    if last in words.common and last not in words.proper and last not in SMALL_WORDS:
        return "=" + surface
    return surface
