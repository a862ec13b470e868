"""`make bench`: median wall time of common commands, as ratios to `python -c pass` in the same run.

Ratios, not seconds, so numbers from different machines can be compared. Not a test: nothing
here fails; read the table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
PROTOCOL = str(BIN / "protocol")

COMMANDS: list[tuple[str, list[str]]] = [
    ("python -c pass", [sys.executable, "-c", "pass"]),
    ("protocol --version", [PROTOCOL, "--version"]),
    ("protocol councils --json", [PROTOCOL, "councils", "--json"]),
    (
        "protocol clauses show thanet:9.1.12 --plain",
        [PROTOCOL, "clauses", "show", "thanet:9.1.12", "--plain"],
    ),
    (
        "protocol clauses search 'blind copies' --json",
        [PROTOCOL, "clauses", "search", "blind copies", "--json"],
    ),
    (
        "protocol ask ... --json (complete answers)",
        [
            PROTOCOL,
            "ask",
            "-s",
            "copy-correspondence",
            "-c",
            "thanet",
            "-a",
            "how=open",
            "-a",
            "who=officer",
            "-a",
            "recipient=member",
            "-a",
            "consent=yes",
            "--json",
        ],
    ),
]


def median_time(cmd: list[str], runs: int) -> float:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    subprocess.run(cmd, stdout=subprocess.DEVNULL, env=env, check=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, env=env, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per command (default 21)")
    args = parser.parse_args()
    base = None
    print(f"{'command':<48} {'median ms':>10} {'ratio':>7}")
    for name, cmd in COMMANDS:
        t = median_time(cmd, args.runs)
        base = base or t
        print(f"{name:<48} {t * 1000:>10.1f} {t / base:>6.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
