"""Everyday situations, decided from the protocol texts and reviewed blind, run through `protocol check`.

tests/situations/<protocol>.toml: each case is a first-person story (in `about`), the scenario and
answers a reader who never saw the expected answer chose for it through the CLI (`unsure` where the
story is silent), and what the protocol says: `expect` (the verdict) and `expect_cite` (clauses a
right answer cites; any one suffices). The writer's verdict and a second, blind reader's are kept
in `about.readers`; where they or the tool disagreed, `about.settled` says how the text settled it.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import PROTOCOL_IDS, ROOT

from protocol_cli.sources.library import Library, bundled_data_root

FOLDER = Path(__file__).parent / "situations"
FILES = sorted(FOLDER.glob("*.toml"))
CASES = [(path, case) for path in FILES for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]]


def test_the_corpus_is_large_and_spread_across_protocols_and_scenarios() -> None:
    assert len(CASES) >= 300
    per_protocol = collections.Counter(case["council"] for _, case in CASES)
    assert set(per_protocol) == set(PROTOCOL_IDS)
    assert min(per_protocol.values()) >= 60, per_protocol
    scenarios = {case["scenario"] for _, case in CASES}
    assert scenarios == set(Library(bundled_data_root()).catalogue.ids())
    sets = collections.defaultdict(set)
    for _, case in CASES:
        if case["about"].get("set"):
            sets[case["about"]["set"]].add(case["council"])
    assert sum(1 for councils in sets.values() if councils == set(PROTOCOL_IDS)) >= 3
    adapted = sum(1 for _, case in CASES if case["about"]["source"].startswith("Adapted from"))
    assert adapted / len(CASES) >= 0.25
    assert all(case["about"]["story"].strip() and case["about"]["why"].strip() for _, case in CASES)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """Every case through the command a clerk runs: protocol check FILE… --format jsonl."""
    home = tmp_path_factory.mktemp("home")
    env = {**os.environ, "NO_COLOR": "1", "PROTOCOL_HOME": str(home)}
    for var in ("PROTOCOL_COUNCIL", "PROTOCOL_DATA_DIR", "PROTOCOL_AUDIT"):
        env.pop(var, None)
    out = subprocess.run(
        [sys.executable, "-m", "protocol_cli", "check", *map(str, FILES), "--format", "jsonl"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert out.returncode in (0, 1), out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_every_verdict_agrees_with_the_protocol(checked) -> None:
    assert len(checked) == len(CASES)
    wrong = [
        f"{r['id']} ({r['council']}, {r['scenario']}): expected {r.get('expect')}, got {r.get('verdict')}"
        f" {r.get('reason', '')}"
        for r in checked
        if r["status"] == "error" or r.get("verdict") != r.get("expect")
    ]
    assert wrong == []


def test_an_expected_clause_is_cited_in_at_least_97_percent(checked) -> None:
    by_protocol: dict[str, list[bool]] = collections.defaultdict(list)
    for r in checked:
        by_protocol[r["council"]].append(bool(r.get("cite_ok")))
    share = sum(sum(v) for v in by_protocol.values()) / len(checked)
    shares = {pid: round(sum(v) / len(v), 3) for pid, v in by_protocol.items()}
    assert share >= 0.97, shares
