#!/usr/bin/env python3
"""Derives assets/authorities.ron from data-to-insight's provider_data_lookup.csv.

    python3 scripts/authorities.py ../shared/data/authorities/provider_data_lookup.csv > assets/authorities.ron

The CSV (MIT licence, notice in assets/LICENSE-data-to-insight.txt) lists the 153 current
children's services authorities plus Cumbria, Northamptonshire and Poole. This script keeps
the columns the tracker uses, fixes what the CSV leaves blank or splits wrongly (noted below),
adds the two historic authorities the CSV lacks (Bournemouth 837 and the old Dorset county
835), the dates of the 2019, 2021 and 2023 reorganisations, and the children's trusts.
The output is checked at build time by build.rs (src/model/authority_file.rs).
Standard library only.
"""
import csv
import sys

REGIONS = {
    "North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West",
}
KINDS = {
    "London Borough": "LondonBorough",
    "Metropolitan District": "MetropolitanDistrict",
    "Unitary Authority": "UnitaryAuthority",
    "County": "County",
}
# The CSV's `ons_la_type` is blank for these historic rows.
KIND_FIX = {"928": "County", "836": "UnitaryAuthority"}
# Names Ofsted and the DfE print where the ONS name is inverted or dotted.
NAME_FIX = {"801": "Bristol", "810": "Kingston upon Hull", "342": "St Helens"}
# `also_known_as` is a bracketed list whose items may themselves hold commas:
# "[BCP, Bournemouth, Christchurch & Poole]" is two names, not three.
AKA_FIX = {
    "839": ["BCP", "Bournemouth, Christchurch & Poole"],
    "810": ["Kingston Upon Hull", "Hull"],
}
# Short forms reports use that the CSV does not list.
EXTRA_NAMES = {
    "201": ["Corporation of London", "City of London Corporation"],
    "811": ["East Riding"],
    "882": ["Southend"],
    "800": ["BANES"],
    "840": ["County Durham"],
    "391": ["Newcastle"],
}
# Reorganisations: (code, first day, first day it no longer existed, successors).
CHANGES = {
    "835": (None, "2019-04-01", ["838"]),
    "836": (None, "2019-04-01", ["839"]),
    "837": (None, "2019-04-01", ["839"]),
    "838": ("2019-04-01", None, []),
    "839": ("2019-04-01", None, []),
    "928": (None, "2021-04-01", ["940", "941"]),
    "940": ("2021-04-01", None, []),
    "941": ("2021-04-01", None, []),
    "909": (None, "2023-04-01", ["942", "943"]),
    "942": ("2023-04-01", None, []),
    "943": ("2023-04-01", None, []),
}
# Historic authorities missing from the CSV, by hand: DfE codes from the DfE's list of local
# authority codes (Get Information about Schools, "LA (code)"), GSS codes from the ONS
# register of geographic codes (E06000028 Bournemouth and E10000009 Dorset, both archived
# on 1 April 2019).
HISTORIC = [
    dict(la_code="837", gss="E06000028", name="Bournemouth", region="South West", kind="UnitaryAuthority"),
    dict(la_code="835", gss="E10000009", name="Dorset", region="South West", kind="County"),
]
TRUSTS = [
    ("Bradford Children and Families Trust", ["380"]),
    ("Birmingham Children's Trust", ["330"]),
    ("Sandwell Children's Trust", ["333"]),
    ("Doncaster Children's Services Trust", ["371"]),
    ("Slough Children First", ["871"]),
    ("Slough Children's Services Trust", ["871"]),
    ("Together for Children", ["394"]),
    ("Worcestershire Children First", ["885"]),
    ("Achieving for Children", ["314", "318", "868"]),
    ("Northamptonshire Children's Trust", ["928", "940", "941"]),
]


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def strings(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


def opt(s):
    return f"Some({q(s)})" if s else "None"


def main():
    rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
    out = []
    for r in rows:
        code = r["la_code"].strip()
        ons = r["local_authority_ons_name"].strip()
        name = NAME_FIX.get(code, ons)
        region = r["region_name"].strip()
        assert region in REGIONS, (code, region)
        kind = KIND_FIX.get(code) or KINDS[r["ons_la_type"].strip()]
        aka = AKA_FIX.get(code)
        if aka is None:
            aka = [a.strip() for a in r["also_known_as"].strip().strip("[]").split(",") if a.strip()]
        others = []
        for n in [ons, *aka, r["ltla23nm"].strip(), r["utla23nm"].strip(), *EXTRA_NAMES.get(code, [])]:
            if n and n != name and n not in others:
                others.append(n)
        neighbours = [n.strip() for n in r["stat_neighbours"].split(",") if n.strip()]
        out.append(dict(la_code=code, gss=r["la_code_new"].strip(), name=name, region=region, kind=kind,
                        neighbours=neighbours, others=others))
    for h in HISTORIC:
        out.append(dict(h, neighbours=[], others=[]))
    out.sort(key=lambda a: (a["name"], a["la_code"]))

    print("// England's children's services authorities, derived by scripts/authorities.py from")
    print("// data-to-insight's provider_data_lookup.csv (MIT licence: LICENSE-data-to-insight.txt).")
    print("// Checked at build time by build.rs: unique DfE and GSS codes, known neighbours and")
    print("// successors, valid regions and dates. Neighbours are the DfE statistical neighbours,")
    print("// nearest first, by DfE code. `until` is the first day an authority no longer existed.")
    print("(")
    print("    authorities: [")
    for a in out:
        code = a["la_code"]
        start, until, successors = CHANGES.get(code, (None, None, []))
        if code in ("837", "835"):
            print("        // Not in the CSV: added by hand (see scripts/authorities.py for the sources).")
        print(f"        (code: {q(code)}, gss: {q(a['gss'])}, name: {q(a['name'])}, region: {q(a['region'])}, "
              f"kind: {a['kind']},")
        print(f"         neighbours: {strings(a['neighbours'])},")
        print(f"         other_names: {strings(a['others'])},")
        print(f"         from: {opt(start)}, until: {opt(until)}, successors: {strings(successors)}),")
    print("    ],")
    print("    // Children's trusts and companies that run a council's services on its behalf.")
    print("    trusts: [")
    for name, councils in TRUSTS:
        print(f"        (name: {q(name)}, councils: {strings(councils)}),")
    print("    ],")
    print(")")


if __name__ == "__main__":
    main()
