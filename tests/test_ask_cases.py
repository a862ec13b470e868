"""Every rule of every (scenario, protocol) table, reached through the CLI by a case kept as data.

tests/cases/<scenario>.toml holds one case per rule: a situation, the answers it implies, and what
that protocol says. tests/cases/comparisons.toml holds the same facts under all five protocols.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import PROTOCOL_IDS

from protocol_cli.sources.library import Library, bundled_data_root

CASES_DIR = Path(__file__).parent / "cases"
LIB = Library(bundled_data_root())
SCENARIOS = LIB.catalogue.ids()


def load_cases() -> list[tuple[str, dict]]:
    out = []
    for sid in SCENARIOS:
        for case in tomllib.loads((CASES_DIR / f"{sid}.toml").read_text(encoding="utf-8"))["case"]:
            out.append((sid, case))
    return out


CASES = load_cases()


def ask_json(cli, scenario: str, protocol: str, answers: dict[str, str]) -> dict:
    args = ["ask", "--scenario", scenario, "--council", protocol, "--no-input", "--json"]
    for qid, value in answers.items():
        args += ["--answer", f"{qid}={value}"]
    result = cli(*args)
    assert result.code == 0, result.err or result.out
    return result.json()


@pytest.mark.parametrize(
    ("scenario", "case"), CASES, ids=[f"{s}/{c['protocol']}/{c['name']}" for s, c in CASES]
)
def test_case(cli, scenario: str, case: dict) -> None:
    view = ask_json(cli, scenario, case["protocol"], case["answers"])
    assert view["verdict"] == case["verdict"]
    assert [c["id"] for c in view["citations"]] == case["cite"]
    # only questions that were answered were asked about
    assert set(view["asked"]) <= set(case["answers"])


def test_every_rule_is_reached_by_a_case(cli) -> None:
    reached: set[tuple[str, str, int]] = set()
    for scenario, case in CASES:
        view = ask_json(cli, scenario, case["protocol"], case["answers"])
        reached.add((scenario, case["protocol"], view["rule"]))
    every = {
        (sid, pid, rule.number)
        for sid in SCENARIOS
        for pid in PROTOCOL_IDS
        for rule in LIB.table(sid, pid)[1].rules
    }
    assert every - reached == set()


COMPARISONS = tomllib.loads((CASES_DIR / "comparisons.toml").read_text(encoding="utf-8"))["comparison"]


@pytest.mark.parametrize("comparison", COMPARISONS, ids=[c["name"] for c in COMPARISONS])
def test_the_same_facts_under_each_protocol(cli, comparison: dict) -> None:
    assert set(comparison["expect"]) == set(PROTOCOL_IDS)
    for protocol, expected in comparison["expect"].items():
        view = ask_json(cli, comparison["scenario"], protocol, comparison["answers"])
        assert (view["verdict"], [c["id"] for c in view["citations"]]) == (
            expected["verdict"],
            expected["cite"],
        ), protocol
        assert all(c["id"].startswith(protocol + ":") for c in view["citations"])


def test_protocols_differ_where_they_differ() -> None:
    """The headline example: the same copying question gets different answers in Thanet and Epsom & Ewell."""
    first = COMPARISONS[0]["expect"]
    assert first["thanet"]["verdict"] != first["district-code"]["verdict"]
    second = COMPARISONS[1]["expect"]
    assert second["thanet"]["verdict"] != second["epsom-ewell"]["verdict"]
