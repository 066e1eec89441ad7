"""Curated districts of Pakistan -> Gazetteers/places/pk-districts.tsv.

Imported by build-gazetteers.py. ISO 3166-2 stops at Pakistan's provinces and GeoNames
lists towns, not districts, yet news names districts constantly ("Lakki Marwat
district", "Musakhail"), in several transliterations. The table below is written by
hand: each district's name, province (ISO 3166-2 code), spelling variants, and the
GeoNames name of its headquarters town, whose coordinates the script copies (districts
whose town is not in cities500 get none). Names are facts; the list follows the
districts as of 2023.
"""
from __future__ import annotations

import json
from pathlib import Path

# name, province, headquarters town (GeoNames name or alternate), variants
DISTRICTS: list[tuple[str, str, str, list[str]]] = [
    # Khyber Pakhtunkhwa
    ("Abbottabad", "PK-KP", "Abbottabad", []),
    ("Bajaur", "PK-KP", "Khar", ["Bajour"]),
    ("Bannu", "PK-KP", "Bannu", []),
    ("Battagram", "PK-KP", "Battagram", ["Batagram"]),
    ("Buner", "PK-KP", "Daggar", ["Bunir"]),
    ("Charsadda", "PK-KP", "Charsadda", []),
    ("Chitral", "PK-KP", "Chitral", ["Lower Chitral", "Upper Chitral"]),
    ("Dera Ismail Khan", "PK-KP", "Dera Ismail Khan", ["D.I. Khan", "DI Khan"]),
    ("Hangu", "PK-KP", "Hangu", []),
    ("Haripur", "PK-KP", "Haripur", []),
    ("Karak", "PK-KP", "Karak", []),
    ("Khyber", "PK-KP", "Landi Kotal", ["Khyber Agency"]),
    ("Kohat", "PK-KP", "Kohat", []),
    ("Kohistan", "PK-KP", "Dasu", ["Upper Kohistan", "Lower Kohistan"]),
    ("Kolai-Palas", "PK-KP", "Palas", ["Kolai Palas"]),
    ("Kurram", "PK-KP", "Parachinar", ["Kurram Agency"]),
    ("Lakki Marwat", "PK-KP", "Lakki", ["Lakki", "Laki Marwat", "Lakki-Marwat"]),
    ("Lower Dir", "PK-KP", "Timargara", ["Dir Lower"]),
    ("Upper Dir", "PK-KP", "Dir", ["Dir Upper"]),
    ("Malakand", "PK-KP", "Batkhela", []),
    ("Mansehra", "PK-KP", "Mansehra", ["Manshera"]),
    ("Mardan", "PK-KP", "Mardan", []),
    ("Mohmand", "PK-KP", "Ghalanai", ["Mohmand Agency"]),
    ("North Waziristan", "PK-KP", "Miran Shah", ["N. Waziristan", "North Waziristan Agency"]),
    ("South Waziristan", "PK-KP", "Wana", ["S. Waziristan", "South Waziristan Agency"]),
    ("Nowshera", "PK-KP", "Nowshera", ["Naushahra"]),
    ("Orakzai", "PK-KP", "Kalaya", ["Orakzai Agency"]),
    ("Peshawar", "PK-KP", "Peshawar", []),
    ("Shangla", "PK-KP", "Alpurai", []),
    ("Swabi", "PK-KP", "Swabi", []),
    ("Swat", "PK-KP", "Saidu Sharif", ["Swat Valley"]),
    ("Tank", "PK-KP", "Tank", []),
    ("Torghar", "PK-KP", "Judba", ["Tor Ghar"]),
    # Balochistan
    ("Awaran", "PK-BA", "Awaran", []),
    ("Barkhan", "PK-BA", "Barkhan", []),
    ("Chagai", "PK-BA", "Dalbandin", ["Chaghi"]),
    ("Chaman", "PK-BA", "Chaman", []),
    ("Dera Bugti", "PK-BA", "Dera Bugti", []),
    ("Duki", "PK-BA", "Duki", []),
    ("Gwadar", "PK-BA", "Gwadar", []),
    ("Harnai", "PK-BA", "Harnai", []),
    ("Hub", "PK-BA", "Hub", []),
    ("Jafarabad", "PK-BA", "Dera Allah Yar", ["Jaffarabad"]),
    ("Jhal Magsi", "PK-BA", "Gandava", ["Jhal Magsi"]),
    ("Kachhi", "PK-BA", "Dhadar", ["Bolan", "Kachhi Bolan"]),
    ("Kalat", "PK-BA", "Kalat", ["Kelat", "Qalat"]),
    ("Kech", "PK-BA", "Turbat", ["Turbat", "Kech Turbat"]),
    ("Kharan", "PK-BA", "Kharan", []),
    ("Khuzdar", "PK-BA", "Khuzdar", ["Khozdar"]),
    ("Killa Abdullah", "PK-BA", "Killa Abdullah", ["Qila Abdullah", "Qilla Abdullah", "Killa Abdulla"]),
    ("Killa Saifullah", "PK-BA", "Qila Saifullah", ["Qila Saifullah", "Qilla Saifullah", "Killa Saifulla"]),
    ("Kohlu", "PK-BA", "Kohlu", []),
    ("Lasbela", "PK-BA", "Uthal", ["Las Bela"]),
    ("Loralai", "PK-BA", "Loralai", ["Loralay"]),
    ("Mastung", "PK-BA", "Mastung", []),
    ("Musakhel", "PK-BA", "Musa Khel Bazar", ["Musakhail", "Musa Khel", "Musakheil", "Musa Khail"]),
    ("Nasirabad", "PK-BA", "Dera Murad Jamali", ["Naseerabad"]),
    ("Noshki", "PK-BA", "Nushki", ["Nushki"]),
    ("Panjgur", "PK-BA", "Panjgur", []),
    ("Pishin", "PK-BA", "Pishin", []),
    ("Quetta", "PK-BA", "Quetta", []),
    ("Sherani", "PK-BA", "Sherani", []),
    ("Sibi", "PK-BA", "Sibi", []),
    ("Sohbatpur", "PK-BA", "Sohbatpur", []),
    ("Surab", "PK-BA", "Surab", []),
    ("Usta Muhammad", "PK-BA", "Usta Muhammad", []),
    ("Washuk", "PK-BA", "Washuk", []),
    ("Zhob", "PK-BA", "Zhob", []),
    ("Ziarat", "PK-BA", "Ziarat", []),
    # Towns that news names and cities500 lacks (no coordinates: not in the sources)
]

# Towns missing from cities500 that conflict news names; no coordinates given.
TOWNS: list[tuple[str, str, list[str]]] = [
    ("Besham", "PK-KP", ["Besham Qala", "Besham Qila"]),
]

PROVINCES = {"PK-KP": "Khyber Pakhtunkhwa", "PK-BA": "Balochistan"}


def build_districts(src: Path, helpers, log: list[str]):
    clean, clean_value, fold, is_latin, fmt_coord, Surfaces, attr_field = helpers
    from gazetteer_cities import load_word_list
    words = load_word_list(log, fold)
    data = json.loads((src / "geonames" / "cities500.json").read_text(encoding="utf-8"))
    towns: dict[str, dict] = {}
    for city in data.values():
        if city["countrycode"] != "PK":
            continue
        for key in {fold(city["name"])} | {fold(a) for a in city.get("alternatenames", [])}:
            if key not in towns or city["population"] > towns[key]["population"]:
                towns[key] = city
    entries = []
    for name, province, hq, variants in DISTRICTS:
        surfaces = Surfaces(name)
        for variant in variants:
            surfaces.add(variant)
        attrs = [("country", "PK"), ("admin1", PROVINCES[province]), ("kind", "district")]
        town = towns.get(fold(hq))
        if town:
            attrs += [("lat", fmt_coord(town["latitude"])), ("lon", fmt_coord(town["longitude"]))]
            attrs.append(("seat", f"geonames:{town['geonameid']}"))
        else:
            log.append(f"pk-districts: {name}: headquarters '{hq}' not in cities500, no coordinates")
        attrs.append(("parent", f"iso3166-2:{province}"))
        if fold(name) in words:
            attrs.append(("common_word", "1"))  # Tank: needs context like any such place
        slug = fold(name).replace(" ", "-").replace(".", "")
        entries.append((name, "place", f"eex:pk-district/{slug}", surfaces.alias_field(), attr_field(attrs)))
    for name, province, variants in TOWNS:
        surfaces = Surfaces(name)
        for variant in variants:
            surfaces.add(variant)
        attrs = [("country", "PK"), ("admin1", PROVINCES[province]), ("kind", "town")]
        slug = fold(name).replace(" ", "-")
        entries.append((name, "place", f"eex:pk-town/{slug}", surfaces.alias_field(), attr_field(attrs)))
    return entries


DISTRICTS_HEADER = [
    "Districts of Pakistan (Khyber Pakhtunkhwa and Balochistan, where most conflict news is),",
    "and a few towns that GeoNames cities500 lacks: one `place` entry each, kind=district or town.",
    "Format: see ../FORMAT.md.",
    "generated by Scripts/build-gazetteers.py from the hand-written table in",
    "Scripts/gazetteer_districts.py — do not edit by hand.",
    "",
    "Names, provinces and spelling variants are facts written by hand for this project;",
    "coordinates are those of each district's headquarters town in GeoNames (CC BY 4.0,",
    "credit \"GeoNames\"), `seat` names that town. Entries without lat/lon have no town in",
    "the sources.",
]
