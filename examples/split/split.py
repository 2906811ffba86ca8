#!/usr/bin/env python3
"""Splits the Family T seed case (../family-t.casefile.json) into the case files three parts of the system would
have sent: Buckinghamshire children's social care with the services it works closely with, Buckinghamshire health
services, and the police, youth offending and fostering services of a neighbouring area (Milton Keynes), where the
twins were placed. Each file names the people as that part of the system recorded them.

The review anonymises everyone ("Mother T"); the names, dates of birth, NHS numbers and addresses below are
invented for this example, with the variations agency records show: a nickname, a misspelling, a hyphenated or
changed surname with the earlier one kept as an alias, day and month swapped, an NHS number only on health records.

Run from this folder: python3 split.py  (writes family-t.*.casefile.json; same input, same output)."""
import json
from pathlib import Path

SEED = json.loads((Path(__file__).parent / ".." / "family-t.casefile.json").read_text(encoding="utf-8"))

PARTS = {
    "csc": {"area": {"code": "E10000002", "name": "Buckinghamshire"},
            "agencies": {"csc", "bht", "fnp", "court", "bscb", "k2"}},
    "health": {"area": {"code": "E10000002", "name": "Buckinghamshire"},
               "agencies": {"nnu", "paediatrics", "camhs", "ed", "gum", "specialist", "addaction"}},
    "mk": {"area": {"code": "E06000042", "name": "Milton Keynes"},
           "agencies": {"police", "yos", "fostering", "foster-carers"}},
}

# person -> part -> (names, birth, sex, nhs number, address); None in a part: as the seed has it, with its label.
PEOPLE = {
    "mother": {
        "csc": ([("Jade", "Tate")], "2000-06-04", "female", None, ("Flat 2, 10 Mill Street, High Wycombe", "HP11 2AB")),
        "health": ([("Jayde", "Tate")], "2000-06-04", "female", "9434765919", ("Flat 2 10 Mill St", "HP11 2AB")),
        "mk": ([("Jade", "Tate-Cole"), ("Jade", "Tate")], "2000-04-06", "female", None, ("10 Mill Street", "HP11 2AB")),
    },
    "father": {
        "csc": ([("Daniel", "Cole")], "1992-11-20", "male", None, ("14 Oak Road, High Wycombe", "HP12 3CD")),
        "health": ([("Daniel", "Coles")], "1992-11-20", "male", "4010232137", ("14 Oak Road", "HP12 3CD")),
        "mk": ([("Danny", "Cole")], "1992-11-20", "male", None, ("14 Oak Rd", "HP12 3CD")),
    },
    "twin1": {
        "csc": ([("Amelia", "Tate")], "2018-03-09", "female", None, ("Flat 2, 10 Mill Street, High Wycombe", "HP11 2AB")),
        "health": ([("Amelia", "Tate")], "2018-03-09", "female", "6548972392", ("Flat 2 10 Mill St", "HP11 2AB")),
        "mk": ([("Millie", "Cole"), ("Amelia", "Tate")], "2018-03-09", "female", None, ("3 Beech Close, Milton Keynes", "MK9 1XY")),
    },
    "twin2": {
        "csc": ([("Isla", "Tate")], "2018-03-09", "female", None, ("Flat 2, 10 Mill Street, High Wycombe", "HP11 2AB")),
        "health": ([("Isla", "Tate")], "2018-03-09", "female", "5037246172", ("Flat 2 10 Mill St", "HP11 2AB")),
        "mk": ([("Isla", "Cole"), ("Isla", "Tate")], "2018-03-09", "female", None, ("3 Beech Close, Milton Keynes", "MK9 1XY")),
    },
    "mgm": {
        "csc": ([("Sharon", "Tate")], "1975-02-11", "female", None, ("22 Church Lane, Marlow", "SL7 1QT")),
        "health": ([("Sharon", "Tate")], "1975-02-11", "female", "7361294502", ("22 Church Ln", "SL7 1QT")),
        "mk": ([("Shaz", "Tate")], "1975-02-11", "female", None, ("22 Church Lane", "SL7 1QT")),
    },
    "mgf": {
        "csc": ([("Paul", "Tate")], "1973-08-30", "male", None, ("22 Church Lane, Marlow", "SL7 1QT")),
        "health": ([("Paul", "Tate")], "1973-08-30", "male", "8102936479", ("22 Church Ln", "SL7 1QT")),
        "mk": ([("Paul", "Tate")], "1973-08-30", "male", None, ("22 Church Lane", "SL7 1QT")),
    },
    "sibling": {
        "csc": ([("Chloe", "Tate")], "2003-01-17", "female", None, ("22 Church Lane, Marlow", "SL7 1QT")),
        "health": ([("Chloe", "Tate")], "2003-01-17", "female", "4857103923", ("22 Church Ln", "SL7 1QT")),
        "mk": ([("Chloe", "Tate")], "2003-01-17", "female", None, ("22 Church Lane", "SL7 1QT")),
    },
    "ex-landlord": {
        "csc": ([("Mark", "Hughes")], "1968-05-05", "male", None, ("9 Station Road, High Wycombe", "HP13 6AD")),
        "health": ([("Mark", "Hughes")], "1968-05-05", "male", "9153820649", ("9 Station Rd", "HP13 6AD")),
        "mk": ([("Mark", "Hughs")], "1968-05-05", "male", None, ("9 Station Road", "HP13 6AD")),
    },
    "mother-ex-partner": {
        "csc": ([("Kyle", "Brown")], "1998-12-01", "male", None, ("5 Kings Way, Aylesbury", "HP19 8FF")),
        "health": ([("Kyle", "Brown")], "1998-12-01", "male", "3619204853", ("5 Kings Way", "HP19 8FF")),
        "mk": ([("Kyle", "Browne")], "1998-12-01", "male", None, ("5 Kings Way", "HP19 8FF")),
    },
}


def person(seed, part):
    names, birth, sex, nhs, (line, postcode) = PEOPLE[seed["id"]][part]
    p = {"id": seed["id"], "kind": seed["kind"], "names": [{"given": g, "family": f} for g, f in names],
         "birth": birth, "expected": seed.get("expected"), "sex": sex,
         "identifiers": [{"system": "nhs-number", "value": nhs}] if nhs else [],
         "addresses": [{"line": line, "postcode": postcode, "confidential": False}], "label": seed.get("label")}
    return p


def mentioned(event):
    """The agencies an event names besides its own (shared with, information shared with)."""
    details = event.get("details") or {}
    return set(event.get("shared_with") or []) | set(as_list(details.get("with"))) | set(as_list(details.get("to")))


def as_list(value):
    return value if isinstance(value, list) else [value] if value else []


def involved(event):
    return set(event.get("subjects", [])) | {a["person"] for a in event.get("about", [])}


def split():
    seed_people = {p["id"]: p for p in SEED["people"]}
    for part, spec in PARTS.items():
        events = [e for e in SEED["events"] if e["agency"] in spec["agencies"]]
        agencies = [dict(a, area=spec["area"]["code"]) for a in SEED["agencies"]
                    if a["id"] in spec["agencies"] or any(a["id"] in mentioned(e) for e in events)]
        ids = set().union(*(involved(e) for e in events)) if events else set()
        for r in SEED["relationships"]:
            if r["from"] in ids or r["to"] in ids:
                ids |= {r["from"], r["to"]}
        people = [person(seed_people[i], part) for i in seed_people if i in ids]
        relationships = [r for r in SEED["relationships"] if r["from"] in ids and r["to"] in ids]
        doc = {"format": SEED["format"], "area": spec["area"], "agencies": agencies, "people": people,
               "relationships": relationships, "events": events}
        out = Path(__file__).parent / f"family-t.{part}.casefile.json"
        out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(out.name, len(people), "people,", len(events), "events")


if __name__ == "__main__":
    split()
