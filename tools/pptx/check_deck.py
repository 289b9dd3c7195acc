#!/usr/bin/env python3
"""Checks samman decks with python-pptx, an independent reader of PresentationML.

For each DECK: the slide size is 16:9; every slide has a title placeholder with non-empty text (the
titles are printed); every text run and paragraph end is marked sv-SE; every picture has alternative
text. Exits 0 when every deck passes, 1 with one line per problem otherwise, 2 on usage errors.

Usage: tools/pptx/check_deck.py DECK...   (needs: pip install python-pptx)
"""
import sys

try:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
except ImportError:
    print("check_deck: python-pptx saknas (pip install python-pptx)", file=sys.stderr)
    sys.exit(2)

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}


def check(path):
    problems = []
    prs = Presentation(path)
    if prs.slide_width * 9 != prs.slide_height * 16:
        problems.append(f"slide size {prs.slide_width}x{prs.slide_height} is not 16:9")
    print(f"{path}: {len(prs.slides)} slides")
    for number, slide in enumerate(prs.slides, start=1):
        where = f"slide {number}"
        titles = [s for s in slide.placeholders if s.placeholder_format.type in TITLE_TYPES]
        if not titles:
            problems.append(f"{where}: no title placeholder")
        elif not titles[0].text_frame.text.strip():
            problems.append(f"{where}: empty title")
        else:
            first = slide.shapes[0] if len(slide.shapes) else None
            if first is None or first.shape_id != titles[0].shape_id:
                problems.append(f"{where}: the title is not first in reading order")
            # One line per title; line breaks inside a title (the cover's) become spaces.
            shown = " ".join(titles[0].text_frame.text.split())
            print(f"  {number:3}: {shown}")
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                descr = shape._element.nvPicPr.cNvPr.get("descr", "")
                if not descr.strip():
                    problems.append(f"{where}: picture {shape.name!r} has no alt text")
            if not shape.has_text_frame:
                continue
            for tag in ("r", "fld"):
                for run in shape._element.iter(f"{A}{tag}"):
                    rpr = run.find(f"{A}rPr")
                    lang = rpr.get("lang") if rpr is not None else None
                    if lang != "sv-SE":
                        text = "".join(t.text or "" for t in run.iter(f"{A}t"))
                        problems.append(f"{where}: run {text[:40]!r} has lang {lang!r}, not sv-SE")
            for end in shape._element.iter(f"{A}endParaRPr"):
                if end.get("lang") != "sv-SE":
                    problems.append(f"{where}: paragraph end has lang {end.get('lang')!r}, not sv-SE")
    return problems


def main(argv):
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = False
    for path in argv:
        try:
            problems = check(path)
        except Exception as error:  # a deck python-pptx cannot open is a failure, not a crash
            problems = [f"cannot open: {error}"]
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
