"""A synthetic archive: N consecutive months shaped like the reference, consistent across months.

Deterministic (seeded), so every benchmark run measures the same work. Every figure agrees with the
others and with the previous month, so the whole archive validates cleanly.

    python bench/generate.py OUT_DIR --months 120 [--seed 2018] [--start 2010-01]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARTIJEN = [
    ("Openbare Orde en Veiligheid", 2, None),
    ("Politie", 22, "11 achtervang"),
    ("Openbaar Ministerie", 2, None),
    ("Arkin / GGZ", 2, "duo"),
    ("Werk, Participatie en Inkomen", 2, "duo"),
    ("AcVZ", 2, None),
    ("Regiogemeenten", 1, None),
    ("Jeugdbescherming Regio Amsterdam", 1, None),
    ("Raad voor de Kinderbescherming", 1, None),
]
RISICO = [
    "terugkeerders",
    "facilitators_recruiters",
    "uitreizigers",
    "potentiele_uitreizigers",
    "verijdelde_uitreizigers",
    "overig_radicaal",
]
STADSDELEN = ["centrum", "nieuw_west", "noord", "oost", "west", "zuid", "zuidoost", "regio"]
WOORDEN = [
    "overleg",
    "traject",
    "stadsdeel",
    "netwerk",
    "training",
    "bijeenkomst",
    "partners",
    "casus",
    "aanpak",
    "voortgang",
    "jongeren",
    "ouders",
    "school",
    "sport",
    "wijk",
    "gesprek",
    "analyse",
    "advies",
    "convenant",
    "voorlichting",
    "programma",
    "regisseurs",
    "deskundigheid",
    "samenwerking",
    "inzet",
    "preventie",
    "evaluatie",
    "themabijeenkomst",
]
KOPPEN = {
    "beschermen": ["Projecten", "Activiteiten stadsdelen"],
    "verbinden": ["Amsterdamse netwerken"],
    "inzet_op_risicos": ["Producten:"],
    "overkoepelend": ["Deskundigheidsbevordering", "Participatie op rijksniveau", "Wetenschap"],
    "robuuste_organisatie": ["Integriteit", "Inkoop", "Vacatures"],
}


def q(text: str) -> str:
    return json.dumps(
        text, ensure_ascii=False
    )  # a JSON string is a valid double-quoted YAML scalar


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def sentence(rng: random.Random) -> str:
    words = rng.choices(WOORDEN, k=rng.randint(6, 16))
    text = " ".join(words).capitalize() + "."
    if rng.random() < 0.08:
        text = f"[[5.1.2.c: {rng.choice(WOORDEN)} {rng.randint(1, 99)}]] " + text
    return text


@dataclass
class Stand:
    totaal: int
    on_hold: int
    instroom: int
    uitstroom: int
    risico: list[int]


def month_ids(start: str, count: int) -> list[str]:
    year, month = (int(p) for p in start.split("-"))
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def generate(out: Path, months: int, seed: int = 2018, start: str = "2010-01") -> list[str]:
    rng = random.Random(seed)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "data" / "monitor.yaml", data / "monitor.yaml")
    ids = month_ids(start, months)
    meldingen = {m: rng.randint(1, 6) for m in ids}
    vorige = Stand(55, 2, 3, 0, split(rng, 55, len(RISICO)))
    for maand in ids:
        uit = rng.randint(0, min(4, vorige.totaal))
        inn = rng.randint(0, 4)
        totaal = vorige.totaal + inn - uit
        stand = Stand(totaal, rng.randint(0, min(3, totaal)), inn, uit, split(rng, totaal, 6))
        (data / f"{maand}.yaml").write_text(
            month_text(rng, maand, stand, vorige, meldingen), encoding="utf-8"
        )
        vorige = stand
    return ids


def month_text(
    rng: random.Random, maand: str, nu: Stand, vorige: Stand, meldingen: dict[str, int]
) -> str:
    year, month = (int(p) for p in maand.split("-"))
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    lines = [
        "# yaml-language-server: $schema=../schema/maand.schema.json",
        f"maand: {maand}",
        f"peildatum: {next_year:04d}-{next_month:02d}-04",
        "activiteiten:",
    ]
    for sectie, koppen in KOPPEN.items():
        lines.append(f"  {sectie}:")
        for kop in koppen:
            lines += [f"    - kop: {q(kop)}", "      items:"]
            lines += [f"        - {q(sentence(rng))}" for _ in range(rng.randint(3, 8))]
    lines += ["inzet_op_risicos:", "  meldingen:"]
    for m in range(1, month + 1):
        key = f"{year:04d}-{m:02d}"
        items = ", ".join(['"[[buiten-reikwijdte]]"'] * meldingen.get(key, 0))
        lines.append(f"    - {{maand: {key}, items: [{items}]}}")
    lines.append(
        f"  personen_in_regie: {{totaal: {nu.totaal}, on_hold: {nu.on_hold}, "
        f"instroom: {nu.instroom}, uitstroom: {nu.uitstroom}}}"
    )
    lines.append("  uitgestroomd:" + (" []" if not nu.uitstroom else ""))
    lines += ['    - "[[buiten-reikwijdte]]"'] * nu.uitstroom
    lines.append("  regiepartijen:")
    for (partij, regisseurs, toelichting), casussen in zip(
        PARTIJEN, split(rng, nu.totaal, len(PARTIJEN)), strict=True
    ):
        extra = f", toelichting: {q(toelichting)}" if toelichting else ""
        lines.append(
            f"    - {{partij: {q(partij)}, regisseurs: {regisseurs}{extra}, casussen: {casussen}}}"
        )
    lines.append(
        '    - {partij: "Reclassering Nederland", regisseurs: 1, '
        'toelichting: "niet actief", casussen: null}'
    )
    lines.append(f"  regisseurs_totaal: {sum(p[1] for p in PARTIJEN) + 1}")
    vrouw = rng.randint(0, nu.totaal)
    lines += [
        "  subjecten:",
        f"    gender: {{vrouw: {vrouw}, man: {nu.totaal - vrouw}}}",
        "    leeftijd: {gelakt: 5.1.2.e}",
        "    stadsdeel: {"
        + ", ".join(
            f"{s}: {n}"
            for s, n in zip(STADSDELEN, split(rng, nu.totaal, len(STADSDELEN)), strict=True)
        )
        + "}",
        "    risicocategorie: {"
        + ", ".join(f"{r}: {n}" for r, n in zip(RISICO, nu.risico, strict=True))
        + "}",
        "  vorige_maand:",
        f"    personen_in_regie: {{totaal: {vorige.totaal}, on_hold: {vorige.on_hold}, "
        f"instroom: {vorige.instroom}, uitstroom: {vorige.uitstroom}}}",
        "    subjecten:",
        "      risicocategorie: {"
        + ", ".join(f"{r}: {n}" for r, n in zip(RISICO, vorige.risico, strict=True))
        + "}",
        "  overleggen:",
    ]
    for day in sorted(rng.sample(range(1, 29), rng.randint(3, 6))):
        lines += [
            f"    - datum: {maand}-{day:02d}",
            f"      onderwerp: {q(rng.choice(['Regieoverleg', 'Voorportaal', 'ITAT-R']))}",
            '      aanwezig: "OOV, politie, OM"',
            f"      tekst: {q('Besproken: [[buiten-reikwijdte]]')}",
            f"      vervolg: [{q(sentence(rng))}]",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--start", default="2010-01")
    args = parser.parse_args()
    ids = generate(args.out, args.months, args.seed, args.start)
    print(f"{len(ids)} maanden ({ids[0]} t/m {ids[-1]}) in {args.out / 'data'}")


if __name__ == "__main__":
    main()
