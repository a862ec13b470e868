"""`protocol ask` without a terminal, and `protocol scenarios`: output shapes, errors, files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, answer_args

from protocol_cli.sources import library
from protocol_cli.sources.library import Library

SCHEMAS = {
    name: json.loads((ROOT / "docs" / "json" / f"{name}.schema.json").read_text())
    for name in ("answered", "incomplete")
}
THANET_OK = [
    *("-s", "copy-correspondence", "-c", "thanet"),
    *answer_args(how="open", who="officer", recipient="member", consent="yes"),
]


def test_answer_json_validates_against_the_documented_shape(cli) -> None:
    r = cli("ask", *THANET_OK, "--json")
    assert r.code == 0
    view = r.json()
    jsonschema.validate(view, SCHEMAS["answered"])
    assert view["status"] == "answered" and view["verdict"] == "allowed"
    assert view["protocol"]["council"] == "Thanet District Council"
    assert view["citations"][0] == {
        "id": "thanet:9.1.12.b1",
        "label": "9.1.12.b1",
        "heading": "9.1 Members' enquiries and access to Officers",
        "text": "That Member agrees; or",
    }
    assert not any(k.startswith("_") for k in view)


def test_incomplete_json_names_the_next_question_and_exits_2(cli) -> None:
    r = cli("ask", "-s", "copy-correspondence", "-c", "thanet", "-a", "how=open", "--json")
    assert r.code == 2
    view = r.json()
    jsonschema.validate(view, SCHEMAS["incomplete"])
    assert [m["id"] for m in view["missing"]] == ["who"]
    assert view["missing"][0]["options"] == [
        {"value": "officer", "label": "An officer (a council employee)"},
        {"value": "member", "label": "A member (a councillor)"},
    ]
    assert view["asked"] == ["how"]


def test_a_script_can_answer_step_by_step(cli) -> None:
    answers: dict[str, str] = {}
    choose = {
        "how": "open",
        "who": "officer",
        "recipient": "member",
        "consent": "no",
        "on_list": "no",
        "meeting_reply": "yes",
    }
    for _ in range(10):
        args = [f"--answer={k}={v}" for k, v in answers.items()]
        view = cli("ask", "-s", "copy-correspondence", "-c", "thanet", "--no-input", "--json", *args).json()
        if view["status"] == "answered":
            break
        nxt = view["missing"][0]["id"]
        answers[nxt] = choose[nxt]
    assert view["verdict"] == "allowed" and view["citations"][0]["id"] == "thanet:9.1.12.b4"
    assert view["asked"] == list(answers)


def test_incomplete_without_json_is_one_line_naming_the_question_and_values(cli) -> None:
    r = cli("ask", "-s", "group-meeting", "-c", "district-code")
    assert r.code == 2 and r.out == ""
    assert r.err.count("\n") == 1
    assert "needs 'matter' next" in r.err and "--answer matter=attend|must-give|decline" in r.err


def test_the_answer_in_plain_text(cli) -> None:
    out = cli("ask", *THANET_OK).out
    assert out.startswith(
        "Copying or forwarding correspondence\nThanet District Council\n"
        "Verdict: ALLOWED (allowed) — you may do this"
    )
    assert "What to do:\n  - Make it explicit" in out
    assert "Because\nThanet District Council — Protocol on Member/Officer Relations\n" in out
    assert "9.1.12.b1  That Member agrees; or" in out
    assert all(len(line) <= 80 for line in out.splitlines() if not line.startswith("["))


def test_a_route_is_listed_in_order_with_the_protocols_role_names(cli) -> None:
    out = cli(
        "ask", "-s", "complaint-route", "-c", "combined-authority", "-a", "direction=officer-about-member"
    ).out
    assert (
        "Route, in order:\n  1. Monitoring Officer\n  2. Leader of the relevant political group\n"
        "  3. Audit and Standards Committee" in out
    )
    rutland = cli(
        "ask",
        "-s",
        "complaint-route",
        "-c",
        "rutland",
        "-a",
        "direction=member-about-officer",
        "-a",
        "officer_level=chief-executive",
        "--json",
    ).json()
    assert rutland["verdict"] == "not-covered"
    assert rutland["contacts"] == ["Strategic Director for Law & Governance"]


def test_explain_lists_answers_and_ruled_out_rules(cli) -> None:
    args = [
        *("ask", "-s", "copy-correspondence", "-c", "thanet", "--explain"),
        *answer_args(how="open", who="officer", recipient="member", consent="no", on_list="yes"),
    ]
    out = " ".join(cli(*args).out.split())  # (as one line: the wrapping is the terminal's)
    assert "How this was decided" in out
    assert "Rule 1 (how=blind) ruled out by your answer how=open" in out
    assert "Rule 4 (who=officer, recipient=member, consent=yes) ruled out by your answer consent=no" in out
    assert "Decided by rule 5 (who=officer, recipient=member, on_list=yes)" in out
    view = cli(*args, "--json").json()
    assert [r["rule"] for r in view["explain"]["ruled_out"]] == [1, 2, 3, 4]
    assert view["explain"]["decided_by"]["rule"] == 5


def test_the_answer_drawn_with_rich_at_80_columns(cli, monkeypatch) -> None:
    monkeypatch.setenv("PROTOCOL_TERMINAL", "rich")
    out = cli("ask", *THANET_OK).out
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert all(len(line) <= 80 for line in plain.splitlines())
    assert "ALLOWED" in plain and "╭" in plain and "Because" in plain
    words = re.sub(r"[│╭╮╰╯─]", " ", plain)
    assert "That Member agrees; or" in words


def test_plain_flag_and_no_color_draw_no_boxes(cli, monkeypatch) -> None:
    monkeypatch.setenv("PROTOCOL_TERMINAL", "rich")
    assert not set("╭╮╰╯│") & set(cli("ask", *THANET_OK, "--plain").out)


def test_council_from_the_environment(cli, monkeypatch) -> None:
    monkeypatch.setenv("PROTOCOL_COUNCIL", "epsom-ewell")
    view = cli("ask", "-s", "complaint-route", "-a", "direction=officer-about-member", "--json").json()
    assert view["council"] == "epsom-ewell" and view["route"] == ["Chief Executive"]


def test_the_question_in_words_picks_the_scenario(cli) -> None:
    for words, scenario in [
        ("can I copy this email to the other ward councillor?", "copy-correspondence"),
        ("bcc", "copy-correspondence"),
        ("who handles my complaint?", "complaint-route"),
        ("may an officer attend a political group meeting?", "group-meeting"),
        ("purdah", "group-meeting"),
        ("group-meeting", "group-meeting"),
    ]:
        view = cli("ask", words, "-c", "thanet", "--json").json()
        assert view["scenario"] == scenario, words


def test_answers_from_a_file(cli, tmp_path: Path) -> None:
    toml = tmp_path / "answers.toml"
    toml.write_text('how = "open"\nwho = "member"\nconfidential = false\n')
    assert (
        cli("ask", "-s", "copy-correspondence", "-c", "thanet", "--answers-file", str(toml), "--json").json()[
            "verdict"
        ]
        == "allowed"
    )
    js = tmp_path / "answers.json"
    js.write_text('\ufeff{"answers": {"direction": "officer-about-member"}}', encoding="utf-8")
    view = cli("ask", "-s", "complaint-route", "-c", "thanet", "--answers-file", str(js), "--json").json()
    assert view["route"] == ["Monitoring Officer", "Chief Executive", "Standards Committee"]
    # --answer wins over the file
    assert (
        cli(
            "ask",
            "-s",
            "copy-correspondence",
            "-c",
            "thanet",
            "--answers-file",
            str(toml),
            "-a",
            "how=blind",
            "--json",
        ).json()["citations"][0]["id"]
        == "thanet:10.2.1"
    )


def test_answers_are_forgiving_about_case_and_yes_no_words(cli) -> None:
    view = cli(
        "ask",
        "-s",
        "copy-correspondence",
        "-c",
        "thanet",
        "-a",
        "how=OPEN",
        "-a",
        "who=member",
        "-a",
        "confidential=Y",
        "--json",
    ).json()
    assert view["answers"] == {"who": "member", "how": "open", "confidential": "yes"}


BAD = [
    (
        ["ask", "-s", "copy-correspondence", "-c", "thanet", "-a", "whoo=officer"],
        "No question 'whoo' in copy-correspondence. Did you mean: who",
    ),
    (
        ["ask", "-s", "copy-correspondence", "-c", "thanet", "-a", "who=boss"],
        "'boss' is not an answer to 'who'; choose one of: officer, member",
    ),
    (["ask", "-s", "copy-correspondence", "-c", "thanet", "-a", "who"], "--answer needs QUESTION=VALUE"),
    (
        ["ask", "-s", "copy-correspondance", "-c", "thanet"],
        "No scenario 'copy-correspondance'. Did you mean: copy-correspondence",
    ),
    (["ask", "-s", "copy-correspondence", "-c", "thanett"], "No protocol 'thanett'. Did you mean: thanet"),
    (["ask", "-s", "copy-correspondence"], "which council? give --council"),
    (["ask", "-c", "thanet"], "say what your question is about"),
    (["ask", "xyzzy plugh", "-c", "thanet"], "no scenario matches 'xyzzy plugh'"),
    (["ask", "a councillor emailed me", "-c", "thanet"], "could mean: copy-correspondence (Copying"),
    (
        ["ask", "bcc", "-c", "thanet", "--answers-file", "/nonexistent/answers.toml"],
        "cannot read /nonexistent/answers.toml",
    ),
    (["scenarios", "show", "nope"], "No scenario 'nope'"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_one_line_and_exit_2(cli, args, message) -> None:
    r = cli(*args)
    assert r.code == 2, r.out
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], r.err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.toml", "how = \n", "not valid TOML"),
        ("a.json", '{"how": ', "line 1: not valid JSON"),
        ("a.json", "[1, 2]", "must hold question = value pairs"),
        ("a.toml", "how = 3\n", "the answer to 'how' must be text"),
    ],
)
def test_bad_answers_files(cli, tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    r = cli("ask", "bcc", "-c", "thanet", "--answers-file", str(path))
    assert r.code == 2 and message in r.err and r.err.count("\n") == 1


def test_answers_file_that_is_a_folder(cli, tmp_path: Path) -> None:
    r = cli("ask", "bcc", "-c", "thanet", "--answers-file", str(tmp_path))
    assert r.code == 2 and "is a folder" in r.err


def test_a_broken_scenario_file_names_file_and_line(cli, tmp_path: Path) -> None:
    root = library.bundled_data_root()
    (tmp_path / "clauses").symlink_to(root / "clauses")
    (tmp_path / "scenarios").mkdir()
    text = (root / "scenarios" / "group-meeting.toml").read_text()
    broken = text.replace('cite = ["9.13"]', 'cite = ["9.99"]')
    (tmp_path / "scenarios" / "group-meeting.toml").write_text(broken)
    library.use_library(Library(tmp_path))
    r = cli("ask", "-s", "group-meeting", "-c", "combined-authority", "-a", "pre_election=yes")
    assert r.code == 2
    line = broken[: broken.index('cite = ["9.99"]')].count("\n") + 1
    assert re.search(
        r"group-meeting\.toml, line (\d+): rules\.combined-authority rule 3: cites '9\.99'", r.err
    )
    reported = int(re.search(r"line (\d+)", r.err).group(1))
    assert 0 < line - reported < 10  # the line of that rule's [[rules.combined-authority]] header
    # other protocols' tables in the same file still work
    assert cli("ask", "-s", "group-meeting", "-c", "thanet", "-a", "matter=withdraw").code == 0


# --- scenarios --------------------------------------------------------------------------------


def test_scenarios_list(cli) -> None:
    rows = cli("scenarios", "list", "--json").json()
    assert [r["id"] for r in rows] == [
        "complaint-route",
        "confidential-information",
        "copy-correspondence",
        "council-resources",
        "employment",
        "enquiry-response",
        "group-meeting",
        "information-access",
        "media",
        "member-instruction",
        "official-letter",
        "personal-relationship",
        "political-activity",
        "reports-and-advice",
        "respect-and-conduct",
        "scrutiny",
        "ward-and-events",
        "wrongdoing",
    ]
    assert all(len(r["protocols"]) == 5 for r in rows)
    table = cli("scenarios", "list").out
    assert table.splitlines()[0] == "Scenarios"
    assert table.splitlines()[1].split() == ["ID", "TITLE", "QUESTIONS", "PROTOCOLS"]


def test_scenarios_show_one_protocol(cli) -> None:
    view = cli("scenarios", "show", "copy-correspondence", "--council", "thanet", "--json").json()
    assert [t["protocol"]["id"] for t in view["tables"]] == ["thanet"]
    rules = view["tables"][0]["rules"]
    assert rules[0] == {
        "rule": 1,
        "when": {"how": ["blind"]},
        "verdict": "not-allowed",
        "answer": rules[0]["answer"],
        "cite": ["thanet:10.2.1"],
        "conditions": [],
        "route": [],
        "steps": [],
        "contacts": [],
    }
    assert rules[-1]["when"] == {}
    text = cli("scenarios", "show", "copy-correspondence", "-c", "thanet").out
    rows = [line.split() for line in text.splitlines()]
    assert ["1", "how=blind", "not-allowed", "10.2.1"] in rows
    assert ["12", "any", "other", "case", "allowed", "9.1.12.p1,", "10.2.1"] in rows


def test_scenarios_show_all_protocols(cli) -> None:
    view = cli("scenarios", "show", "group-meeting", "--json").json()
    assert len(view["tables"]) == 5
    assert {q["id"] for q in view["questions"]} >= {"pre_election", "business", "non_members"}
