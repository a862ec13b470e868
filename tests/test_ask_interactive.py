"""`protocol ask` at a terminal: real prompts, driven through prompt_toolkit's pipe input inside
CliRunner, and once end to end in a pseudo-terminal with pexpect."""

from __future__ import annotations

import json

import pexpect
import pytest
from conftest import spawn_in_terminal
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from protocol_cli.commands.cli.app import build_app

DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"


def interactive(keys: str, *args: str):
    """Run `protocol ARGS` with prompts answered by KEYS, as if typed at a terminal."""
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()  # after the last key, end of input: a prompt still waiting fails instead of hanging
        with create_app_session(input=pipe, output=DummyOutput()):
            return CliRunner().invoke(build_app(), list(args), env={"PROTOCOL_INTERACTIVE": "1"})


def interview(keys: str, *args: str):
    """As `interactive`, for tests about the interview: no audit-note question at the end."""
    return interactive(keys, *args, "--no-audit")


def test_a_full_interview(monkeypatch) -> None:
    # Thanet asks: open or blind? who? to whom? author agreed? -> allowed (9.1.12.b1)
    result = interview(
        ENTER * 4, "ask", "can I copy this email to the other ward councillor?", "-c", "thanet", "--json"
    )
    assert result.exit_code == 0, result.output
    view = json.loads(result.output[result.output.index("{") :])
    assert view["asked"] == ["how", "who", "recipient", "consent"]
    assert view["answers"] == {"who": "officer", "recipient": "member", "how": "open", "consent": "yes"}
    assert view["verdict"] == "allowed"
    assert [c["id"] for c in view["citations"]] == ["thanet:9.1.12.b1", "thanet:9.1.12", "thanet:10.2.1"]


def test_going_back_changes_the_previous_answer() -> None:
    # open; officer; then Back (past 4 options, "I'm not sure" and "Why we ask") to change who -> member;
    # confidential? yes; has whoever it concerns agreed? no
    keys = ENTER + ENTER + DOWN * 6 + ENTER + DOWN + ENTER + ENTER + DOWN + ENTER
    result = interview(keys, "ask", "-s", "copy-correspondence", "-c", "thanet", "--json")
    assert result.exit_code == 0, result.output
    view = json.loads(result.output[result.output.index("{") :])
    assert view["answers"]["who"] == "member"
    assert view["asked"] == ["how", "who", "confidential", "consent"]
    assert view["verdict"] == "not-allowed"
    assert [c["id"] for c in view["citations"]] == ["thanet:9.3.5", "thanet:9.1.12.p1"]


def test_why_we_ask_shows_the_help_and_what_each_answer_leads_to() -> None:
    # first question (open or blind?): choose "Why we ask" (past 2 options and "I'm not sure"), then blind
    keys = DOWN * 3 + ENTER + DOWN + ENTER
    result = interview(keys, "ask", "-s", "copy-correspondence", "-c", "thanet")
    assert result.exit_code == 0, result.output
    assert "Several protocols forbid blind copies outright." in result.output
    assert "Under Thanet District Council's protocol:" in result.output
    assert "Blind: bcc, or without the author knowing: not-allowed (10.2.1)" in result.output
    assert "Verdict: NOT ALLOWED" in result.output


def test_scenario_and_council_are_chosen_from_lists() -> None:
    # Enter alone at "What is your question?" shows the list; scenarios: complaint-route,
    # confidential-information, ...; councils: ... epsom-ewell (3rd); then the first option of each question
    keys = ENTER + ENTER + DOWN * 2 + ENTER + "n" + ENTER + ENTER + ENTER  # "n": do not remember the council
    result = interview(keys, "ask", "--json")
    assert result.exit_code == 0, result.output
    view = json.loads(result.output[result.output.index("{") :])
    assert (view["scenario"], view["council"]) == ("complaint-route", "epsom-ewell")
    assert view["answers"] == {"direction": "member-about-officer", "officer_level": "officer", "ask": "who"}
    assert view["route"] == ["Group Chair / Leader", "Chief Executive"]


def test_an_ambiguous_question_offers_the_matching_scenarios() -> None:
    # a vague question: the ranker is not sure, so it offers a short list (then "None of these");
    # choose the second, then the first option of every question
    from protocol_cli.deciding.matching import match
    from protocol_cli.sources import ranker
    from protocol_cli.sources.library import default_library

    typed = "a councillor emailed me"
    found = match(typed, {s.id: s.title for s in default_library().catalogue.all()}, ranker.model())
    assert found.kind == "unsure" and len(found.candidates) >= 2
    result = interview(DOWN + ENTER + ENTER * 12, "ask", typed, "-c", "rutland", "--json")
    assert result.exit_code == 0, result.output
    view = json.loads(result.output[result.output.index("{") :])
    assert view["scenario"] == found.candidates[1].id


@pytest.mark.parametrize("keys", [CTRL_C, ENTER + CTRL_C], ids=["at the first question", "later"])
def test_ctrl_c_cancels_with_130_and_no_answer(keys: str) -> None:
    result = interview(keys, "ask", "-s", "copy-correspondence", "-c", "thanet")
    assert result.exit_code == 130
    assert "Cancelled." in result.output
    assert "Verdict" not in result.output


def test_answers_given_up_front_are_not_asked_again() -> None:
    result = interview(
        ENTER + ENTER,
        "ask",
        "-s",
        "complaint-route",
        "-c",
        "thanet",
        "-a",
        "direction=member-about-officer",
        "--json",
    )
    assert result.exit_code == 0, result.output
    view = json.loads(result.output[result.output.index("{") :])
    assert view["asked"] == ["direction", "officer_level", "ask"]
    assert view["route"] == ["Service Director"]


def test_end_to_end_in_a_real_terminal(tmp_path) -> None:
    child = spawn_in_terminal(tmp_path, "ask", "who handles my complaint?", "--council", "thanet")
    child.expect("Who is complaining about whom")
    child.send(ENTER)  # a member about an officer
    child.expect("How senior is the officer")
    child.send(DOWN + ENTER)  # a director
    child.expect("REFER")
    child.expect("Chief Executive")
    child.expect("11.2.p1")
    child.expect("Save an audit note")
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
