"""Ids and verdicts as people type them: any case, and spaces, underscores or hyphens between words."""

from __future__ import annotations

import json

import pytest

from protocol_cli.deciding.model import canonical, spelling_key


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Thanet", "thanet"),
        ("Epsom Ewell", "epsom-ewell"),
        ("Epsom & Ewell", "epsom-ewell"),
        ("epsom_ewell", "epsom-ewell"),
        ("COMBINED AUTHORITY", "combined-authority"),
    ],
)
def test_a_protocol_id_as_typed(typed: str, meant: str) -> None:
    ids = ["combined-authority", "district-code", "epsom-ewell", "rutland", "thanet"]
    assert canonical(typed, ids) == meant


def test_what_does_not_spell_an_id_is_left_as_typed() -> None:
    assert canonical("thanett", ["thanet"]) == "thanett"
    assert spelling_key("Not allowed") == spelling_key("not_allowed") == "not-allowed"


def test_council_option_environment_and_setting(cli, monkeypatch) -> None:
    ask = ["ask", "bcc", "-a", "how=blind", "-a", "who=officer", "--no-input", "--json"]
    assert cli(*ask, "--council", "Epsom Ewell").json()["council"] == "epsom-ewell"
    monkeypatch.setenv("PROTOCOL_COUNCIL", "Thanet")
    assert cli(*ask).json()["council"] == "thanet"
    monkeypatch.delenv("PROTOCOL_COUNCIL")
    assert cli("config", "set", "council", "Combined Authority").code == 0
    assert cli("config", "get", "council").out == "combined-authority\n"


def test_clause_and_scenario_ids(cli) -> None:
    assert cli("clauses", "show", "Thanet:9.1.12", "--json").json()["clause"]["id"] == "thanet:9.1.12"
    r = cli("ask", "-s", "Copy Correspondence", "-c", "RUTLAND", "-a", "how=blind", "--no-input", "--json")
    assert r.json()["scenario"] == "copy-correspondence"


def test_csv_cells(cli, tmp_path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "id,council,scenario,expect,how,who\n"
        "r1,Thanet,Copy correspondence,Not allowed,blind,officer\n"
        "r2,epsom_ewell,copy_correspondence,NOT_ALLOWED,blind,officer\n"
    )
    out = cli("check", str(rows), "--format", "jsonl")
    assert out.code == 0, out.out
    got = [json.loads(line) for line in out.out.splitlines()]
    assert [(r["status"], r["council"]) for r in got] == [("ok", "thanet"), ("ok", "epsom-ewell")]


def test_an_unknown_question_points_to_the_scenario_not_the_clauses(cli) -> None:
    r = cli("ask", "-s", "copy-correspondence", "-c", "thanet", "-a", "zzzzzzz=red", "--no-input")
    assert r.code == 2 and "See them with: protocol scenarios show copy-correspondence" in r.err, r.err
