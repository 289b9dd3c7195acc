#!/usr/bin/env python3
"""Checks a deck as a renderer laid it out: no text overflows, judged from the PDF LibreOffice made.

Reads every word's box with poppler's `pdftotext -bbox` and reports, per page:
  - words outside the page (beyond a small margin);
  - words that overlap other words (text running into other text, e.g. body text into the position box);
  - with --content-bottom PT: body-size words (taller than 20 pt) below that line on every page but the
    first, i.e. text running into the footer.
Exits 0 when clean, 1 with one line per problem, 2 on usage errors.

Usage: tools/pptx/check_pdf_layout.py [--content-bottom PT] PDF...   (needs: apt-get install poppler-utils)
"""
import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/1999/xhtml}"


def pages(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(out)
    for page in root.iter(f"{NS}page"):
        width, height = float(page.get("width")), float(page.get("height"))
        words = [
            (float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")), w.text or "")
            for w in page.iter(f"{NS}word")
        ]
        yield width, height, words


def overlap(a, b):
    """Whether two word boxes collide. Boxes of adjacent lines touch a little (a word's box is taller
    than the line advance), so a collision needs a third of the smaller height."""
    dx = min(a[2], b[2]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[1], b[1])
    return dx > 1.0 and dy > 0.35 * min(a[3] - a[1], b[3] - b[1])


def check(pdf, content_bottom):
    problems = []
    for number, (width, height, words) in enumerate(pages(pdf), start=1):
        where = f"page {number}"
        for w in words:
            if w[0] < 2 or w[1] < 0 or w[2] > width - 2 or w[3] > height:
                problems.append(f"{where}: {w[4]!r} lies outside the page")
            if content_bottom and number > 1 and w[3] - w[1] > 20 and w[3] > content_bottom:
                problems.append(f"{where}: {w[4]!r} runs below the content area ({w[3]:.0f} > {content_bottom})")
        # Words of one line touch but never overlap; a sweep over y keeps this cheap.
        ordered = sorted(words, key=lambda w: w[1])
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if b[1] >= a[3]:
                    break
                if overlap(a, b):
                    problems.append(f"{where}: {a[4]!r} overlaps {b[4]!r}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content-bottom", type=float, default=None)
    parser.add_argument("pdf", nargs="+")
    args = parser.parse_args()
    failed = False
    for pdf in args.pdf:
        try:
            problems = check(pdf, args.content_bottom)
        except (OSError, subprocess.CalledProcessError, ET.ParseError) as error:
            problems = [f"cannot read: {error}"]
        for problem in problems:
            print(f"{pdf}: {problem}", file=sys.stderr)
        print(f"{pdf}: {'ok' if not problems else f'{len(problems)} problems'}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
