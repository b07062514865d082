"""How `portfoliogen serve` holds a crowd: N requests at once.

    python benchmarks/bench_serve_crowd.py                 # 200 requests, the example site
    python benchmarks/bench_serve_crowd.py -n 500 --sse 20 --runs 3

Starts the real CLI (`portfoliogen serve --port 0`) in the repository's
example site, collects the site's own URLs from its home page (pages, the
stylesheet, images), then opens N connections at the same moment (one thread
each, released by a barrier), each sending one GET for one of those URLs, and
reads every answer to the end. With `--sse K`, K live-reload event streams
are held open during the crowd, as K open browser tabs would.

Printed per run: how many got an answer (and with which status), the median
and the 99th percentile of the time from connect to the last byte, and the
slowest. A request unanswered after `--timeout` seconds counts as lost.
Loopback only; the number of requests and their time are bounded."""

from __future__ import annotations

import argparse
import collections
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SERVING = re.compile(r"Serving http://127\.0\.0\.1:(\d+)/")


def start_server() -> tuple[subprocess.Popen, int]:
    argv = [sys.executable, "-m", "portfoliogen", "serve", "--port", "0", "--today", "2025-06-01"]
    proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 120
    assert proc.stdout is not None
    for line in proc.stdout:
        match = SERVING.search(line)
        if match:
            threading.Thread(target=proc.stdout.read, daemon=True).start()   # keep the pipe drained
            return proc, int(match[1])
        if time.monotonic() > deadline:
            break
    proc.kill()
    raise SystemExit("portfoliogen serve did not start")


def get(port: int, target: str, timeout: float) -> tuple[int, bytes]:
    """One GET on its own connection; (status, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        data = bytearray()
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = bytes(data).partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def site_targets(port: int) -> list[str]:
    """The home page and the same-site URLs it links to."""
    _, home = get(port, "/", 30)
    found = re.findall(rb'(?:href|src)="(?:http://127\.0\.0\.1:%d)?(/[^"#]*)"' % port, home)
    targets = ["/"] + sorted({t.decode() for t in found if not t.startswith(b"/__portfoliogen/")})
    return targets


def hold_event_streams(port: int, count: int) -> list[socket.socket]:
    streams = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.sendall(f"GET /__portfoliogen/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        streams.append(sock)
    for sock in streams:
        seen = b""
        while b"event: hello" not in seen:
            chunk = sock.recv(65536)
            if not chunk:
                raise SystemExit("an event stream did not start")
            seen += chunk
    return streams


def crowd(port: int, targets: list[str], n: int, timeout: float) -> tuple[list[float], collections.Counter]:
    """N requests released at once; latencies of the answered ones, and a
    count of outcomes (status codes, or the error's name)."""
    barrier = threading.Barrier(n)
    latencies: list[float] = []
    outcomes: collections.Counter = collections.Counter()
    lock = threading.Lock()

    def one(i: int) -> None:
        barrier.wait()
        started = time.perf_counter()
        try:
            status, _ = get(port, targets[i % len(targets)], timeout)
            outcome: object = status
        except (OSError, ValueError, IndexError) as err:
            status, outcome = 0, type(err).__name__
        elapsed = time.perf_counter() - started
        with lock:
            outcomes[outcome] += 1
            if status:
                latencies.append(elapsed)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + 30)
    return latencies, outcomes


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200, help="requests at once (default 200)")
    parser.add_argument("--runs", type=int, default=1, help="crowds, one after another (default 1)")
    parser.add_argument("--sse", type=int, default=0, help="event streams held open meanwhile")
    parser.add_argument("--timeout", type=float, default=60, help="seconds before a request counts as lost")
    args = parser.parse_args()
    if not 1 <= args.n <= 2000:
        raise SystemExit("-n must be between 1 and 2000")
    threading.stack_size(256 * 1024)
    proc, port = start_server()
    try:
        targets = site_targets(port)
        streams = hold_event_streams(port, args.sse)
        print(f"{len(targets)} distinct URLs; {args.n} requests at once; {args.sse} event streams open")
        for run in range(1, args.runs + 1):
            latencies, outcomes = crowd(port, targets, args.n, args.timeout)
            answered = sum(count for outcome, count in outcomes.items() if isinstance(outcome, int))
            ms = [s * 1000 for s in latencies] or [float("nan")]
            print(f"run {run}: answered {answered}/{args.n}  "
                  f"p50 {percentile(ms, 0.50):.0f} ms  p99 {percentile(ms, 0.99):.0f} ms  "
                  f"max {max(ms):.0f} ms  outcomes {dict(outcomes)}", flush=True)
        for sock in streams:
            sock.close()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
