"""Scenarios that cover the same facts give the same answer whichever one the person picked.

tests/cases/overlaps/*.toml hold the evidence as data: each [[overlap]] names a protocol and the same
facts told as answers to two scenarios (`a` and `b`). Through the CLI, both must reach the same
verdict and cite at least one clause in common.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import PROTOCOL_IDS

OVERLAPS_DIR = Path(__file__).parent / "cases" / "overlaps"


def load_overlaps() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(OVERLAPS_DIR.glob("*.toml")):
        for overlap in tomllib.loads(path.read_text(encoding="utf-8")).get("overlap", []):
            out.append((path.stem, overlap))
    return out


OVERLAPS = load_overlaps()


def ask_json(cli, side: dict, protocol: str) -> dict:
    args = ["ask", "--scenario", side["scenario"], "--council", protocol, "--no-input", "--json"]
    for qid, value in side["answers"].items():
        args += ["--answer", f"{qid}={value}"]
    result = cli(*args)
    assert result.code == 0, result.err or result.out
    view = result.json()
    assert view["status"] == "answered", view
    return view


def test_there_is_evidence_for_every_protocol() -> None:
    """The overlaps cover all five protocols, so no protocol's tables can drift apart unseen."""
    assert OVERLAPS, f"no overlaps found in {OVERLAPS_DIR}"
    assert {o["protocol"] for _, o in OVERLAPS} == set(PROTOCOL_IDS)


@pytest.mark.parametrize(
    ("stem", "overlap"), OVERLAPS, ids=[f"{s}/{o['protocol']}/{o['name']}" for s, o in OVERLAPS]
)
def test_same_facts_same_answer(cli, stem: str, overlap: dict) -> None:
    a = ask_json(cli, overlap["a"], overlap["protocol"])
    b = ask_json(cli, overlap["b"], overlap["protocol"])
    assert overlap["a"]["scenario"] != overlap["b"]["scenario"]
    assert a["verdict"] == b["verdict"], (a["answer"], b["answer"])
    cited_a = {c["id"] for c in a["citations"]}
    cited_b = {c["id"] for c in b["citations"]}
    assert cited_a & cited_b, f"no clause cited by both: {sorted(cited_a)} / {sorted(cited_b)}"
