#!/usr/bin/env python3
"""The search and static-build benchmarks, run by bench/run (issue 8), on bench/corpus.py's corpus:

  * static build (pages only: `samman build --no-decks --no-pdf`) of N meetings vs Debian's `hugo`
    building the same files as Markdown with a minimal template — wall time (target: samman at least 3x
    faster) and peak memory (target: at most 1/5 of Hugo's), each the median of a few runs taken in
    pairs (samman, then Hugo): once with each run into a new directory, once with each run after
    removing that tool's previous output (the usual rebuild);
  * search latency: 1,000 queries of one or two corpus words against `samman serve`'s `/api/v1/sok`
    over the same meetings loaded into SQLite, one at a time over loopback — p99 (target < 10 ms);
  * the static build again with one meeting changed (target < 1 s).

Alone, to check it on a small corpus with any build:
    bench/search_bench.py --samman target/debug/samman --meetings 200
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import serve_bench  # noqa: E402  (beside this script)

HUGO_CONFIG = """baseURL = "http://example.org/"
languageCode = "sv-se"
title = "Sammanställningar"
disableKinds = ["taxonomy", "term"]
"""
HUGO_SINGLE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="/">Sammanställningar</a> › <a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></nav>
<main><h1>{{ .Date.Format "2 January 2006" }}</h1>{{ .Content }}</main></body></html>
"""
HUGO_LIST = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Date.Format "2006-01-02" }}</a></li>{{ end }}</ul></main></body></html>
"""


def median_of(cmd, runs, cwd=None, before=None):
    """Median wall time and median peak memory over `runs` runs (`before` runs ahead of each)."""
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(serve_bench.measured(cmd, cwd))
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def hugo_site(corpus, site):
    """The corpus as a Hugo site: each source file as is (its TOML front matter Hugo reads), one section
    per body, a minimal template."""
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG)
    (site / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE)
    (site / "layouts" / "_default" / "list.html").write_text(HUGO_LIST)
    for md in corpus.rglob("*.md"):
        target = site / "content" / md.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(md, target)
    for body in corpus.iterdir():
        if body.is_dir():
            (site / "content" / body.name / "_index.md").write_text(f"+++\ntitle = \"{body.name}\"\n+++\n")


def build_lines(samman, corpus, tmp, runs):
    bodies = str(corpus / "bodies.toml")
    out = tmp / "ut"

    def build(to):
        return [samman, "--bodies", bodies, "build", corpus, "-o", to, "--no-decks", "--no-pdf"]

    hugo = tmp / "hugo"
    hugo_site(corpus, hugo)

    def hugo_build(to):
        return ["hugo", "--quiet", "--destination", to]

    # In pairs (samman, then Hugo), so that a machine slowing down during the bench slows both alike.
    # Twice: each run into a new directory, and each run after removing that tool's previous output.
    # The second is the usual rebuild, and on ext4 without a journal it also times the file system's
    # recent past: for minutes a removed file's inode is skipped, one by one, at each new file made in
    # its group — and where a tool's files sit together that is most of its time.
    fresh_ours, fresh_theirs = [], []
    for run in range(runs):
        fresh_ours.append(serve_bench.measured(build(tmp / f"ut-{run}")))
        fresh_theirs.append(serve_bench.measured(hugo_build(hugo / f"public-{run}"), cwd=hugo))
    for run in range(runs):
        shutil.rmtree(hugo / f"public-{run}")
        shutil.rmtree(tmp / f"ut-{run}")
    again_ours, again_theirs = [], []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        again_ours.append(serve_bench.measured(build(out)))
        shutil.rmtree(hugo / "public", ignore_errors=True)
        again_theirs.append(serve_bench.measured(hugo_build(hugo / "public"), cwd=hugo))
    for name, ours_runs, theirs_runs in [("static build (pages)", fresh_ours, fresh_theirs),
                                         ("  rebuilt after rm", again_ours, again_theirs)]:
        ours, ours_mb = (statistics.median(r[i] for r in ours_runs) for i in (0, 1))
        theirs, theirs_mb = (statistics.median(r[i] for r in theirs_runs) for i in (0, 1))
        ratio, memory = theirs / ours, ours_mb / theirs_mb
        # Each pair's own ratio too: how far the machine's minute moves the median.
        pairs = sorted(t[0] / o[0] for o, t in zip(ours_runs, theirs_runs))
        met = "met" if ratio >= 3 and memory <= 0.2 else "NOT met"
        print(f"{name:<22} samman {ours * 1000:9.1f} ms {ours_mb:7.0f} MB   "
              f"hugo {theirs * 1000:9.1f} ms {theirs_mb:7.0f} MB   ratio {ratio:5.1f}x "
              f"(pairs {pairs[0]:.1f}-{pairs[-1]:.1f}x), memory {memory:4.2f}   "
              f"target >= 3x, <= 0.2   {met}")

    # One meeting changed: the build before it is complete, so only that meeting is rendered again.
    subprocess.run(build(out), check=True, stderr=subprocess.DEVNULL)
    one = sorted(corpus.rglob("*.md"))[len(list(corpus.rglob("*.md"))) // 2]
    original = one.read_text(encoding="utf-8")
    counter = [0]

    def change():
        counter[0] += 1
        one.write_text(original + f"\n## Tillägg {counter[0]}\n\n- Ändrad punkt.\n", encoding="utf-8")

    again, _ = median_of(build(out), runs, before=change)
    one.write_text(original, encoding="utf-8")
    print(f"{'static build, 1 change':<22} samman {again * 1000:9.1f} ms   target < 1000 ms   "
          f"{'met' if again < 1 else 'NOT met'}")


def search_line(samman, corpus, tmp, queries=1000):
    bodies = str(corpus / "bodies.toml")
    data = tmp / "data"
    subprocess.run([samman, "--bodies", bodies, "load", corpus, "--data", data], check=True,
                   stderr=subprocess.DEVNULL)
    words = sorted({w.strip(".,").lower() for md in list(corpus.rglob("*.md"))[:50]
                    for w in md.read_text(encoding="utf-8").split("\n## ", 1)[-1].split()
                    if w.strip(".,").isalpha() and len(w) > 3})
    rng = random.Random(8)
    with serve_bench.Samman(samman, bodies, str(data)) as server:
        probe = server.url + "/api/v1/sok?q=" + urllib.parse.quote(words[0])
        # The index syncs in the background after start: wait until its count stands still.
        last, deadline = -1, time.time() + 600
        while time.time() < deadline:
            total = json.loads(serve_bench.wait_for(probe))["pagination"]["total"]
            if total == last and total > 0:
                break
            last = total
            time.sleep(1)
        times = []
        for _ in range(queries):
            q = " ".join(rng.sample(words, rng.choice([1, 2])))
            url = server.url + "/api/v1/sok?q=" + urllib.parse.quote(q)
            start = time.perf_counter()
            with urllib.request.urlopen(url, timeout=10) as r:
                r.read()
            times.append(time.perf_counter() - start)
    times.sort()
    p50, p99 = times[len(times) // 2] * 1000, times[int(len(times) * 0.99) - 1] * 1000
    print(f"{'search (1000 queries)':<22} samman p50 {p50:6.2f} ms p99 {p99:6.2f} ms   "
          f"target p99 < 10 ms   {'met' if p99 < 10 else 'NOT met'}")


def search(samman, meetings=10000, runs=3):
    """Prints the three lines on a corpus of `meetings`."""
    if shutil.which("hugo") is None:
        print("bench: hugo saknas (apt-get install hugo)", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        subprocess.run([sys.executable, HERE / "corpus.py", corpus, "--meetings", str(meetings)], check=True,
                       stdout=subprocess.DEVNULL)
        build_lines(samman, corpus, tmp, runs)
        search_line(samman, corpus, tmp)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--samman", required=True)
    parser.add_argument("--meetings", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    search(Path(args.samman).resolve(), args.meetings, args.runs)
