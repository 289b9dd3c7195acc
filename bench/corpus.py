#!/usr/bin/env python3
"""Writes a deterministic synthetic corpus of meetings in samman's source format, for the benchmarks.

N meetings (default 10,000) spread over several bodies and many years, each with 5 agenda items of 5
bullets (some nested), presenters and a position, in Swedish words. The same arguments always give the
same files. Also writes `bodies.toml` configuring the bodies (pass it with `samman --bodies`).

Usage: bench/corpus.py OUT_DIR [--meetings N] [--seed S]
"""
import argparse
import datetime
import random
from pathlib import Path

BODIES = [
    ("sro", "SRO", "Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen"),
    ("nvs", "NVS", "Delregionalt samrådsorgan Norra"),
    ("svs", "SVS", "Delregionalt samrådsorgan Södra"),
    ("ovs", "ÖVS", "Delregionalt samrådsorgan Östra"),
    ("gvs", "GVS", "Delregionalt samrådsorgan Göteborg"),
]

WORDS = """vård omsorg samverkan kommun region avtal remiss uppdrag läget arbetet barnen äldre primärvård
hemsjukvård psykiatri missbruk socialtjänst skola elevhälsa ledning struktur planering uppföljning
resultat kvalitet patient brukare anhöriga personal kompetens utbildning rekrytering ekonomi budget
satsning medel projekt införande digitalisering journal läkemedel vaccination smittskydd beredskap
krisledning dialog förankring beslut ställning underlag rapport analys utredning förslag förändring
utveckling förbättring nätverk grupp möte konferens seminarium arbetsgrupp styrgrupp delregional
länsgemensam nationell lokal gemensam tydlig viktig stor liten ny tidigare kommande pågående
fortsatt långsiktig hållbar jämlik trygg säker nära tillgänglig effektiv enkel""".split()

PEOPLE = ["Anna Berg", "Erik Lund", "Maria Holm", "Johan Ek", "Karin Sjö", "Lars Ström", "Eva Dahl",
          "Per Nyberg", "Sara Lind", "Olof Ask", "Ingrid Falk", "Nils Björk"]
ORGS = ["VGR", "VästKom"]


def sentence(rng, lo=6, hi=14):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def meeting(rng, body, short, date):
    lines = ["+++", f'body = "{body}"', f"date = {date.isoformat()}", "", "[minutes]", 'status = "pending"',
             "+++", ""]
    for _ in range(5):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize()
        lines += [f"## {title}", ""]
        people = rng.sample(PEOPLE, rng.randint(1, 2))
        lines += ["Föredragande: " + "; ".join(f"{p}, {rng.choice(ORGS)}" for p in people), ""]
        for b in range(5):
            lines.append(f"- {sentence(rng)}")
            if b % 2 == 1:
                lines.append(f"  - {sentence(rng, 4, 9)}")
        lines.append("")
        lines += [f"Ställningstagande: {short} noterar informationen", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "bodies.toml", "w", encoding="utf-8") as f:
        for body, short, name in BODIES:
            f.write(f'[[body]]\nid = "{body}"\nshort_name = "{short}"\nname = "{name}"\n\n')
            f.write('[[body.organisation]]\nname = "VästKom"\nvariants = ["Västkom"]\n\n')
            f.write('[[body.organisation]]\nname = "VGR"\nfull_name = "Västra Götalandsregionen"\n\n')
    start = datetime.date(1990, 1, 1)
    span = (datetime.date(2025, 12, 31) - start).days
    per_body = -(-args.meetings // len(BODIES))
    written = 0
    for body, short, _ in BODIES:
        days = sorted(rng.sample(range(span), min(per_body, args.meetings - written)))
        folder = args.out / body
        folder.mkdir(exist_ok=True)
        for day in days:
            date = start + datetime.timedelta(days=day)
            (folder / f"{date.isoformat()}.md").write_text(meeting(rng, body, short, date), encoding="utf-8")
            written += 1
    print(f"{written} möten i {args.out}")


if __name__ == "__main__":
    main()
