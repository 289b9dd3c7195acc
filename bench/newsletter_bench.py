"""The newsletter benchmark, run by bench/run (`--only newsletter` alone): one campaign to 100,000
confirmed subscribers delivered by `samman newsletter send` to Postfix's `smtp-sink` on loopback —
mails per second and the sender's peak memory — printed next to the sink's own maximum in the same run,
measured with Postfix's `smtp-source` (same message size, same number of parallel sessions).

Target (issue 10): at least 2,000 mails/s. The subscribers are written straight into the SQLite file
(the schema comes from samman's own migrations); the campaign is made by `samman publish --notify`.

Usage alone: python3 bench/newsletter_bench.py SAMMAN_BINARY [--subscribers N]
"""
import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import serve_bench  # noqa: E402  (beside this script)

EXAMPLE = HERE.parent / "examples" / "sro-2021-05-21.md"
CONCURRENCY = 16


def sink(port):
    # -c: count; -u: privileges when started as root; backlog 256.
    args = ["smtp-sink", "-c", "-m", "256", f"127.0.0.1:{port}", "256"]
    if os.geteuid() == 0:
        args[1:1] = ["-u", "nobody"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    return proc


def sink_maximum(port, count, size):
    start = time.perf_counter()
    subprocess.run(
        ["smtp-source", "-s", str(CONCURRENCY), "-m", str(count), "-l", str(size),
         "-f", "nyhetsbrev@samman.example.org", "-t", "p@example.org", f"127.0.0.1:{port}"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return count / (time.perf_counter() - start)


def subscribers(samman, data, count):
    # Run the migrations, then write confirmed subscribers in one transaction.
    subprocess.run([samman, "newsletter", "status", "--data", data], check=True, stdout=subprocess.DEVNULL)
    db = sqlite3.connect(Path(data) / "samman.db")
    now = int(time.time())
    db.executemany(
        "INSERT INTO subscribers (list, address, address_hash, state, created_at, confirmed_at) "
        "VALUES ('sro', ?, ?, 'confirmed', ?, ?)",
        ((f"p{i}@example.org", f"hash-{i}", now, now) for i in range(count)),
    )
    db.commit()
    db.close()


def message_size(samman, tmp):
    out = Path(tmp) / "m.eml"
    subprocess.run([samman, "render", EXAMPLE, "--to", "email", "-o", out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out.stat().st_size


def newsletter(samman, count=100_000):
    for tool in ("smtp-sink", "smtp-source"):
        if shutil.which(tool) is None:
            print(f"bench: {tool} saknas (apt-get install postfix)", file=sys.stderr)
            return
    with tempfile.TemporaryDirectory() as tmp:
        data = str(Path(tmp) / "data")
        port = serve_bench.free_port()
        proc = sink(port)
        try:
            size = message_size(samman, tmp)
            reference = sink_maximum(port, min(count, 20_000), size)
            subscribers(samman, data, count)
            subprocess.run([samman, "publish", EXAMPLE, "--notify", "--data", data], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds, peak_mb = serve_bench.measured(
                [samman, "newsletter", "send", "--data", data, "--smtp", f"smtp://127.0.0.1:{port}",
                 "--base-url", "https://samman.example.org", "--smtp-concurrency", str(CONCURRENCY)],
                stderr=None,
            )
            status = subprocess.run([samman, "newsletter", "campaigns", "--data", data],
                                    check=True, capture_output=True, text=True).stdout.strip()
        finally:
            proc.terminate()
            proc.wait()
    ours = count / seconds
    verdict = "ok" if ours >= 2000 else "UNDER TARGET"
    print(
        f"newsletter ({count} mails, {size} bytes each): samman {ours:.0f} mails/s, "
        f"smtp-source max {reference:.0f} mails/s (ratio {ours / reference:.2f}), "
        f"peak memory {peak_mb:.0f} MB, target >= 2000 mails/s: {verdict}"
    )
    print(f"  {status.splitlines()[0] if status else ''}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("samman")
    parser.add_argument("--subscribers", type=int, default=100_000)
    args = parser.parse_args()
    newsletter(args.samman, args.subscribers)
