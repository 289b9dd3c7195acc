"""The site benchmarks, run by bench/run: the summary page from `samman serve` over 10,000 meetings in
SQLite against nginx serving the same page as a static file (`wrk -c 64`), and `samman load` writing
1,000 meetings while wrk reads (no errors, no "database is locked").

Both servers run here on loopback ports with their own configuration and stop by themselves.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measured(cmd, cwd=None, stderr=subprocess.DEVNULL):
    """(wall seconds, peak resident memory in MB) of one run of `cmd`: that process's own peak, where
    `resource.RUSAGE_CHILDREN` would give the largest of every child this process has had."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} misslyckades ({proc.returncode}): {' '.join(map(str, cmd))}")
    return took, usage.ru_maxrss / 1024


def wait_for(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read()
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} svarade inte inom {seconds} s")


def wrk(url, seconds, connections=64):
    """(requests/s, p99 in ms, error count) from `wrk --latency`."""
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", url],
        check=True, capture_output=True, text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    p99 = float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
    return rps, p99, errors(out)


def errors(out):
    """Non-2xx answers plus socket errors in a wrk report."""
    non2xx = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", out))
    return non2xx + sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))


class Samman:
    """`samman serve` on a free port over DATA; stopped with SIGTERM on exit."""

    def __init__(self, samman, bodies, data):
        self.port = free_port()
        self.log = open(Path(data).parent / f"serve-{self.port}.log", "w")
        self.proc = subprocess.Popen(
            [samman, "--bodies", bodies, "serve", "--addr", f"127.0.0.1:{self.port}", "--data", data],
            stdout=subprocess.DEVNULL, stderr=self.log, env={**os.environ, "SAMMAN_LOG": "warn"},
        )
        self.url = f"http://127.0.0.1:{self.port}"
        wait_for(self.url + "/health")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


def nginx(root, tmp):
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(f"""
worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
""")
    proc = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(tmp)], stderr=subprocess.DEVNULL)
    return proc, f"http://127.0.0.1:{port}"


def site(samman, seconds=10):
    """Prints the serve-vs-nginx line and the load-under-writes line."""
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None:
            print(f"bench: {tool} saknas (apt-get install wrk nginx-light)", file=sys.stderr)
            return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # nginx started as root serves as an unprivileged user, which must be able to read the page.
        tmp.chmod(0o755)
        corpus = tmp / "corpus"
        subprocess.run([sys.executable, HERE / "corpus.py", corpus, "--meetings", "10000"], check=True,
                       stdout=subprocess.DEVNULL)
        bodies = str(corpus / "bodies.toml")
        data = tmp / "data"
        started = time.time()
        subprocess.run([samman, "--bodies", bodies, "load", corpus, "--data", data], check=True,
                       stderr=subprocess.DEVNULL)
        print(f"(laddade 10 000 möten på {time.time() - started:.1f} s)", file=sys.stderr)
        page_path = "/" + "/".join(sorted((corpus / "sro").glob("*.md"))[-1].with_suffix("").parts[-2:]) + "/"
        with Samman(samman, bodies, str(data)) as server:
            page = wait_for(server.url + page_path)
            www = tmp / "www" / page_path.strip("/")
            www.mkdir(parents=True)
            (www / "index.html").write_bytes(page)
            proc, nginx_url = nginx(tmp / "www", tmp)
            try:
                assert wait_for(nginx_url + page_path) == page
                wrk(server.url + page_path, 2)  # warm-up
                ours, ours_p99, ours_errors = wrk(server.url + page_path, seconds)
                wrk(nginx_url + page_path, 2)
                theirs, theirs_p99, _ = wrk(nginx_url + page_path, seconds)
            finally:
                proc.terminate()
                proc.wait(timeout=10)
            ratio = ours / theirs
            met = "met" if ratio >= 0.5 and ours_p99 < 10 and ours_errors == 0 else "NOT met"
            print(
                f"{'summary page (serve)':<22} samman {ours:9.0f} req/s p99 {ours_p99:.2f} ms   "
                f"nginx {theirs:9.0f} req/s p99 {theirs_p99:.2f} ms   ratio {ratio:5.2f}x   "
                f"target >= 0.5x, p99 < 10 ms   {met}"
            )

            # 1,000 more meetings written while wrk reads the summary page and a body page.
            more = tmp / "more"
            subprocess.run([sys.executable, HERE / "corpus.py", more, "--meetings", "1000", "--seed", "7"],
                           check=True, stdout=subprocess.DEVNULL)
            for md in more.rglob("*.md"):  # other years than the first corpus: every file is a new meeting
                text = md.read_text(encoding="utf-8")
                year = int(text.split("date = ")[1][:4])
                md.write_text(text.replace(f"date = {year}", f"date = {year + 100}"), encoding="utf-8")
            reader = subprocess.Popen(
                ["wrk", "-t", "2", "-c", "64", "-d", "30s", "--latency", server.url + page_path],
                stdout=subprocess.PIPE, text=True,
            )
            time.sleep(1)
            started = time.time()
            loaded = subprocess.run([samman, "--bodies", bodies, "load", more, "--data", data],
                                    capture_output=True, text=True)
            took = time.time() - started
            reader.terminate()
            out = reader.communicate()[0]
        log = (tmp / f"serve-{server.port}.log").read_text()
        locked = log.count("database is locked") + loaded.stderr.count("database is locked")
        failed = errors(out)
        ok = loaded.returncode == 0 and locked == 0 and failed == 0
        print(
            f"{'load under reads':<22} 1000 möten på {took:.1f} s medan wrk läste: load exit {loaded.returncode}, "
            f"wrk errors {failed}, \"database is locked\" {locked}   "
            f"target: none   {'met' if ok else 'NOT met'}"
        )
