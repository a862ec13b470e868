"""`make bench`: how fast protocol starts and how fast it checks, as ratios measured in the same run.

Start-up: the median wall time of common commands as a ratio to `python -c pass`.
Throughput: `protocol check` on 100,000 JSON lines, in rows per second and as a ratio to a bare
Python loop that only parses and re-serialises the same lines.
Memory: the peak RSS of `protocol check` on 1,000,000 rows.
Not a test: nothing here fails; read the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
PROTOCOL = str(BIN / "protocol")
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}

STARTUP: list[tuple[str, list[str]]] = [
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
        "protocol check (10 rows) --format jsonl",
        [
            PROTOCOL,
            "check",
            str(Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "ten-rows.csv"),
            "--format",
            "jsonl",
        ],
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
            "--no-audit",
        ],
    ),
    (
        "protocol ask 'a reporter rang me…' --json (free text)",
        [
            PROTOCOL,
            "ask",
            "a reporter from the Gazette rang me about the planning decision",
            "-c",
            "thanet",
            "-a",
            "who=officer",
            "-a",
            "authorised=yes",
            "-a",
            "content=factual",
            "--json",
            "--no-audit",
        ],
    ),
]

BARE_LOOP = """
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as o:
    for line in f:
        o.write(json.dumps(json.loads(line)) + "\\n")
"""


def run(cmd: list[str], stdout: int | None = subprocess.DEVNULL) -> tuple[float, int]:
    """Wall time and peak RSS (KB) of one run of cmd (which may exit 1: check finds mismatches)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return time.perf_counter() - start, usage.ru_maxrss


def median_time(cmd: list[str], runs: int) -> float:
    run(cmd)  # warm the file cache
    return statistics.median(run(cmd)[0] for _ in range(runs))


def rows_file(path: Path, count: int) -> None:
    """Rows as a clerk's sheet has them: each answers what its protocol asks, a few stop early."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from protocol_cli.deciding import engine
    from protocol_cli.sources.library import default_library

    lib = default_library()
    rng = random.Random(7)
    tables = [lib.table(s, p)[:2] for s in lib.catalogue.ids() for p in lib.protocol_ids()]
    with path.open("w") as out:
        for n in range(count):
            scenario, table = rng.choice(tables)
            known: dict[str, str] = {}
            while (q := engine.next_question(scenario, table, known)) is not None and rng.random() > 0.03:
                known[q.id] = rng.choice(q.values)
            row = {"id": f"case-{n}", "council": table.protocol, "scenario": scenario.id, "answers": known}
            out.write(json.dumps(row) + "\n")


def main() -> int:
    # An installed wheel has its bytecode compiled by pip; compile the checkout's so that an
    # editable install is measured the same way (and PYTHONDONTWRITEBYTECODE cannot skew it).
    subprocess.run(
        [
            sys.executable,
            "-m",
            "compileall",
            "-q",
            str(Path(__file__).resolve().parent.parent / "protocol_cli"),
        ],
        check=True,
    )
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per start-up command (default 21)")
    parser.add_argument("--rows", type=int, default=100_000, help="rows for the throughput run")
    parser.add_argument(
        "--memory-rows", type=int, default=1_000_000, help="rows for the memory run (0: skip)"
    )
    args = parser.parse_args()

    print(f"{'command':<56} {'median ms':>10} {'ratio':>7}")
    base = None
    for name, cmd in STARTUP:
        t = median_time(cmd, args.runs)
        base = base or t
        print(f"{name:<56} {t * 1000:>10.1f} {t / base:>6.1f}x")

    with tempfile.TemporaryDirectory() as tmp:
        rows = Path(tmp) / "rows.jsonl"
        rows_file(rows, args.rows)
        bare, _ = run([sys.executable, "-c", BARE_LOOP, str(rows), str(Path(tmp) / "bare.jsonl")])
        check, _ = run([PROTOCOL, "check", str(rows), "--format", "jsonl", "--quiet", "--fail-on", "none"])
        print()
        print(
            f"check {args.rows:,} JSON lines: {check:.2f} s, {args.rows / check:,.0f} rows/s; "
            f"bare parse-and-write loop {bare:.2f} s ({args.rows / bare:,.0f} rows/s); "
            f"ratio {check / bare:.2f}x"
        )
        if args.memory_rows:
            big = Path(tmp) / "big.jsonl"
            with big.open("w") as out:
                lines = rows.read_text()
                for _ in range(max(1, args.memory_rows // args.rows)):
                    out.write(lines)
            seconds, peak = run(
                [PROTOCOL, "check", str(big), "--format", "jsonl", "--quiet", "--fail-on", "none"]
            )
            total = max(1, args.memory_rows // args.rows) * args.rows
            print(f"check {total:,} JSON lines: {seconds:.1f} s, peak RSS {peak / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
