"""Load test of the HTTP service on loopback (make bench): requests per second and p99 latency.

Starts `skolemiljo serve` on 127.0.0.1 at a free port, then sends, from 8 client threads, at most
REQUESTS requests per endpoint and never for longer than SECONDS, and stops the service. Only
loopback is ever addressed. A benchmark, not a test: it prints, it does not assert.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 2000
SECONDS = 15.0
THREADS = 8

BODIES = {
    "validate": ("/v1/plans/validate", (ROOT / "examples" / "plan.json").read_bytes(), {}),
    "assess": (
        "/v1/cases/assess",
        (ROOT / "examples" / "cases" / "teacher_harasses_pupil.json").read_bytes(),
        {"as_of": "2024-10-01"},
    ),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(
    base: str, path: str, body: bytes, params: dict[str, str]
) -> tuple[int, float, list[float]]:
    latencies: list[float] = []
    lock = threading.Lock()
    sent = 0
    deadline = time.monotonic() + SECONDS

    def worker() -> None:
        nonlocal sent
        with httpx.Client(base_url=base, timeout=10) as client:
            while time.monotonic() < deadline:
                with lock:
                    if sent >= REQUESTS:
                        return
                    sent += 1
                start = time.perf_counter()
                response = client.post(
                    path, content=body, params=params, headers={"content-type": "application/json"}
                )
                elapsed = time.perf_counter() - start
                if response.status_code != 200:
                    raise RuntimeError(f"{path}: HTTP {response.status_code}")
                with lock:
                    latencies.append(elapsed)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), time.perf_counter() - started, latencies


def started(command: list[str], port: int, probe: str) -> subprocess.Popen[bytes]:
    """A service on loopback at ``port``, once it answers (``probe``: a GET path, or a POST
    of the assess body)."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            path, body, params = BODIES["assess"]
            answer = (
                httpx.get(base + probe)
                if probe != "assess"
                else httpx.post(base + path, content=body, params=params,
                                headers={"content-type": "application/json"})
            )  # fmt: skip
            if answer.status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.terminate()
            raise RuntimeError("the service did not start")
        time.sleep(0.1)


def measured(base: str, name: str) -> tuple[float, float]:
    """(requests per second, p99 in seconds) of ``name`` at ``base``; prints a line."""
    path, body, params = BODIES[name]
    count, wall, latencies = run(base, path, body, params)
    p99 = statistics.quantiles(latencies, n=100)[98] if len(latencies) > 1 else latencies[0]
    print(
        f"  {name:<9} {count:5d} requests  {count / wall:7.0f} req/s  "
        f"p50 {statistics.median(latencies) * 1e3:6.1f} ms  p99 {p99 * 1e3:6.1f} ms"
    )
    return count / wall, p99


def main() -> None:
    port, bare_port = free_port(), free_port()
    exe = Path(sys.executable).parent / "skolemiljo"
    ours = started([str(exe), "serve", "--host", "127.0.0.1", "--port", str(port)], port,
                   "/health")  # fmt: skip
    bare = started([sys.executable, str(ROOT / "benchmarks" / "bare_app.py"), str(bare_port)],
                   bare_port, "assess")  # fmt: skip
    try:
        limits = f"at most {REQUESTS} requests or {SECONDS:g} s"
        print(f"load test on loopback: {THREADS} threads, {limits}")
        results = {name: measured(f"http://127.0.0.1:{port}", name) for name in BODIES}
        print(
            "  baselines: a bare FastAPI endpoint that parses the same Case, same JSON back, as a"
        )
        print("  plain `def` (run in the thread pool) and as `async def` (on the event loop)")
        base_rate, base_p99 = measured(f"http://127.0.0.1:{bare_port}", "assess")
        async_rate, async_p99 = measured(f"http://127.0.0.1:{bare_port}/async", "assess")
        rate, p99 = results["assess"]
        for label, ratio, target, better in (
            ("assess throughput / bare def", rate / base_rate, 0.9, "higher"),
            ("assess p99 / bare def", p99 / base_p99, 1.3, "lower"),
            ("assess throughput / bare async def", rate / async_rate, 0.9, "higher"),
            ("assess p99 / bare async def", p99 / async_p99, 1.3, "lower"),
        ):
            meets = ratio >= target if better == "higher" else ratio <= target
            sign = ">=" if better == "higher" else "<="
            print(f"  {label:<30} ratio {ratio:5.2f} (target {sign} {target:g}) "
                  f"{'MEETS' if meets else 'MISSES'}")  # fmt: skip
    finally:
        for proc in (ours, bare):
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
