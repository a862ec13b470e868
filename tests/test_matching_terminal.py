"""Choosing the scenario at a real terminal (pexpect): the question in the person's own words,
"Taking this as" with Back, the short list, "None of these", and the honest no-scenario answer."""

from __future__ import annotations

import pexpect
from conftest import spawn_in_terminal

from protocol_cli.deciding import engine, matching
from protocol_cli.deciding import interview as interviews
from protocol_cli.sources import ranker
from protocol_cli.sources.library import Library, bundled_data_root

DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"
LIB = Library(bundled_data_root())
TITLES = {s.id: s.title for s in LIB.catalogue.all()}


def unsure_question() -> tuple[str, matching.Match]:
    """A question the ranker is not sure about (several scenarios fit), and what it made of it."""
    for typed in ("a councillor emailed me", "a problem with a councillor", "reply", "information"):
        found = matching.match(typed, TITLES, ranker.model())
        if found.kind == "unsure" and len(found.candidates) >= 2:
            return typed, found
    raise AssertionError("none of the vague questions left the ranker unsure")


def first_question(scenario_id: str, protocol_id: str) -> engine.Question:
    scenario, table, _ = LIB.table(scenario_id, protocol_id)
    question = interviews.Interview(scenario, table, {}).next()
    assert question is not None
    return question


def back_from_first_question(scenario_id: str) -> str:
    """Keys to reach "Back to the choice of scenario": past the options, "I'm not sure" and "Why we ask"."""
    return DOWN * (len(first_question(scenario_id, "thanet").options) + 2) + ENTER


def cancel(child) -> None:
    """Ctrl-C at the question now on screen (once it is drawn, so the key is not lost)."""
    child.expect("Why we ask")
    child.send(CTRL_C)
    child.expect("Cancelled.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_bare_ask_takes_the_question_in_the_persons_own_words(tmp_path) -> None:
    child = spawn_in_terminal(tmp_path, "ask", "--council", "thanet", "--no-audit")
    child.expect("What is your question")
    child.sendline("can I bcc the leader on my reply?")
    child.expect("Taking this as: Copying or forwarding correspondence")
    child.expect("Copying or forwarding correspondence, under Thanet District Council's protocol")
    child.expect(first_question("copy-correspondence", "thanet").prompt)
    cancel(child)


def test_bare_ask_with_enter_alone_shows_every_scenario_by_title(tmp_path) -> None:
    child = spawn_in_terminal(tmp_path, "ask", "--council", "thanet", "--no-audit")
    child.expect("What is your question")
    child.send(ENTER)
    child.expect("What is your question about?")
    child.expect(TITLES["wrongdoing"])  # the last: the list is whole, titles only
    child.send(ENTER)
    child.expect(f"{TITLES['complaint-route']}, under Thanet")
    cancel(child)


def test_confident_goes_straight_in_and_back_returns_to_the_choice(tmp_path) -> None:
    typed = "a reporter from the Gazette rang me about the planning decision"
    found = matching.match(typed, TITLES, ranker.model())
    assert found.kind == "confident" and found.best is not None and found.best.id == "media"
    child = spawn_in_terminal(tmp_path, "ask", typed, "--council", "thanet", "--no-audit")
    child.expect("Taking this as: Speaking to the press and media")
    child.expect(first_question("media", "thanet").prompt)
    child.expect("Back to the choice of scenario")
    child.send(back_from_first_question("media"))
    child.expect("Which of these is your question about?")
    child.expect("None of these: show all scenarios")
    second = found.candidates[1]
    child.send(DOWN + ENTER)  # the runner-up
    child.expect(f"{second.title}, under Thanet")
    cancel(child)


def test_unsure_offers_a_short_list_best_first(tmp_path) -> None:
    typed, found = unsure_question()
    child = spawn_in_terminal(tmp_path, "ask", typed, "--council", "thanet", "--no-audit")
    child.expect("could be one of these; which?")
    for candidate in found.candidates:  # best first
        child.expect(candidate.title)
    child.expect("None of these: show all scenarios")
    child.send(DOWN + ENTER)  # the second
    child.expect(f"{found.candidates[1].title}, under Thanet")
    cancel(child)


def test_none_of_these_shows_every_scenario(tmp_path) -> None:
    typed, found = unsure_question()
    offered = [c.id for c in found.candidates]
    index, other = next((n, sid) for n, sid in enumerate(TITLES) if sid not in offered)
    child = spawn_in_terminal(tmp_path, "ask", typed, "--council", "thanet", "--no-audit")
    child.expect("None of these: show all scenarios")
    child.send(DOWN * len(found.candidates) + ENTER)
    child.expect("Choose one:")
    child.expect(TITLES["wrongdoing"])  # the whole list
    child.send(DOWN * index + ENTER)  # a scenario the short list did not offer
    child.expect(f"{TITLES[other]}, under Thanet")
    cancel(child)


def test_a_question_no_scenario_covers_gets_the_honest_answer(tmp_path) -> None:
    child = spawn_in_terminal(
        tmp_path, "ask", "is it ok to accept a gift from a councillor", "--council", "thanet", "--no-audit"
    )
    child.expect("No scenario covers this question")
    child.expect("finds nothing")
    child.expect("Chief Executive or the Monitoring Officer")
    child.expect("Is your question one of these after all?")
    child.send(ENTER)  # that's all
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Verdict" not in (child.before or "")
