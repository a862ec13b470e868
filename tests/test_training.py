"""Training: the cases agree with the rule tables, the quiz runs at a (piped) terminal, the
presenter demo walks a case to its cited answer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import PROTOCOL_IDS, spawn_in_terminal
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from protocol_cli.base.errors import DataError
from protocol_cli.commands.cli.app import build_app
from protocol_cli.deciding import engine
from protocol_cli.sources import training
from protocol_cli.sources.library import Library, bundled_data_root

LIB = Library(bundled_data_root())
CASES = training.load(LIB)
DOWN, ENTER = "\x1b[B", "\r"
VERDICTS = [v for v, _ in training.VERDICT_CHOICES]


# --- the cases ------------------------------------------------------------------------------


def test_there_are_at_least_40_cases_across_scenarios_and_all_five_protocols() -> None:
    assert len(CASES) >= 40
    assert {c.protocol for c in CASES} == set(PROTOCOL_IDS)
    assert len({c.scenario for c in CASES}) >= 15


@pytest.mark.parametrize("pid", PROTOCOL_IDS)
def test_every_council_has_a_ten_case_quiz(pid: str) -> None:
    assert len(training.select(CASES, council=pid, rounds=10, seed=1)) == 10


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_case_gets_its_verdict_from_the_engine(case: training.Case) -> None:
    scenario, table, _ = LIB.table(case.scenario, case.protocol)
    _, rule = engine.path(scenario, table, case.answers)
    assert rule is not None, "the story's answers do not reach an answer"
    assert rule.outcome.verdict == case.verdict


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_story_is_told_in_everyday_words_not_the_clause_wording(case: training.Case) -> None:
    """No run of eight words is taken from the clauses the answer cites."""
    scenario, table, protocol = LIB.table(case.scenario, case.protocol)
    _, rule = engine.path(scenario, table, case.answers)
    assert rule is not None

    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z']+", text.lower())
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    cited = set().union(*(runs(protocol.clause(label).text) for label in rule.outcome.cite))  # type: ignore[union-attr]
    assert runs(case.story) & cited == set()


def test_a_broken_case_is_reported_with_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    for part in ("clauses", "scenarios"):
        (root / part).symlink_to(bundled_data_root() / part)
    (root / "training").mkdir()
    text = (
        'schema = 1\n\n[[case]]\nid = "fine"\nscenario = "media"\nprotocol = "thanet"\n'
        'story = "A story."\nanswers = { who = "officer" }\nverdict = "conditional"\n\n'
        '[[case]]\nid = "typo"\nscenario = "media"\nprotocol = "thanet"\nstory = "A story."\n'
        'answers = { who = "reporter" }\nverdict = "allowed"\n'
    )
    (root / "training" / "cases.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        training.load(Library(root))
    assert str(caught.value) == (
        f"{root / 'training' / 'cases.toml'}, line 11: training case typo: "
        "answers.who = 'reporter' is not one of member, officer"
    )


def test_a_case_whose_verdict_disagrees_fails_the_data_check(tmp_path: Path, cli) -> None:
    root = tmp_path / "data"
    root.mkdir()
    for part in ("clauses", "scenarios"):
        (root / part).symlink_to(bundled_data_root() / part)
    (root / "training").mkdir()
    (root / "training" / "cases.toml").write_text(
        'schema = 1\n\n[[case]]\nid = "wrong"\nscenario = "media"\nprotocol = "thanet"\n'
        'story = "An unauthorised officer talks to the press."\n'
        'answers = { who = "officer", authorised = "no" }\nverdict = "allowed"\n',
        encoding="utf-8",
    )
    result = cli("data", "check", str(root), "--json")
    assert result.code == 1
    (finding,) = [f for f in result.json()["findings"] if "training case" in f["message"]]
    assert finding["line"] == 3
    assert (
        finding["message"]
        == "training case wrong: expects allowed, but thanet's rules give not-allowed (rule 1)"
    )


# --- the quiz logic -------------------------------------------------------------------------


def test_a_seed_repeats_the_cases_and_their_order() -> None:
    first = [c.id for c in training.select(CASES, rounds=10, seed=7)]
    assert first == [c.id for c in training.select(CASES, rounds=10, seed=7)]
    assert first != [c.id for c in training.select(CASES, rounds=10, seed=8)]
    assert len(first) == len(set(first)) == 10


def test_select_keeps_to_the_council_and_scenario() -> None:
    chosen = training.select(CASES, council="thanet", scenario="copy-correspondence", rounds=50, seed=1)
    assert chosen and all(c.protocol == "thanet" and c.scenario == "copy-correspondence" for c in chosen)
    assert len(chosen) == sum(
        1 for c in CASES if c.protocol == "thanet" and c.scenario == "copy-correspondence"
    )


def test_route_options_hold_the_right_role_once() -> None:
    roles = list(LIB.protocol("thanet").roles)
    options = training.route_options(roles, "monitoring_officer", seed=3, case_id="x")
    assert options.count("monitoring_officer") == 1 and len(options) == 4 and set(options) <= set(roles)
    assert options == training.route_options(roles, "monitoring_officer", seed=3, case_id="x")


def test_the_summary_scores_by_scenario_and_lists_clauses_to_revisit() -> None:
    results = [
        {"scenario": "media", "title": "Media", "right": True, "cite": ["thanet:10.1.7"]},
        {"scenario": "media", "title": "Media", "right": False, "cite": ["thanet:10.1.8", "thanet:10.1.7"]},
        {"scenario": "scrutiny", "title": "Scrutiny", "right": False, "cite": ["thanet:7.2.7"]},
    ]
    summary = training.summary(results)
    assert (summary["asked"], summary["right"]) == (3, 1)
    assert [(r["scenario"], r["right"], r["asked"]) for r in summary["by_scenario"]] == [
        ("media", 1, 2),
        ("scrutiny", 0, 1),
    ]
    assert summary["revisit"] == ["thanet:10.1.8", "thanet:10.1.7", "thanet:7.2.7"]


def test_a_refer_answer_is_right_only_with_the_right_route() -> None:
    assert training.mark("refer", "refer", True)
    assert not training.mark("refer", "refer", False)
    assert not training.mark("allowed", "refer", None)


# --- protocol train, at a terminal -----------------------------------------------------------


def typed(keys: str, *args: str):
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            return CliRunner().invoke(
                build_app(), list(args), env={"PROTOCOL_INTERACTIVE": "1", "COLUMNS": "80"}
            )


def keys_for(verdict: str) -> str:
    return DOWN * VERDICTS.index(verdict) + ENTER


def test_a_quiz_scores_right_and_wrong_answers_and_writes_results() -> None:
    args = ["train", "-c", "thanet", "-s", "copy-correspondence", "--rounds", "2", "--seed", "5", "--json"]
    cases = training.select(CASES, "thanet", "copy-correspondence", 2, 5)
    assert all(c.verdict != "refer" for c in cases)  # (no route question in this session)
    wrong = next(v for v in VERDICTS if v != cases[1].verdict)
    result = typed(keys_for(cases[0].verdict) + ENTER + keys_for(wrong), *args)  # Enter: the pause
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["seed"] == 5
    assert [(r["case"], r["right"]) for r in report["results"]] == [(cases[0].id, True), (cases[1].id, False)]
    assert report["summary"]["right"] == 1
    assert report["summary"]["revisit"] == report["results"][1]["cite"]
    shown = result.stderr
    assert cases[0].story[:40] in shown and "RIGHT" in shown and "NOT QUITE" in shown
    assert "Score by scenario" in shown and "--seed 5" in shown


def test_a_refer_case_also_asks_whom_to_go_to() -> None:
    case = next(c for c in CASES if c.id == "who-settles-access-dispute")
    seed = next(
        n for n in range(100) if training.select(CASES, "thanet", "information-access", 1, n)[0] is case
    )
    protocol = LIB.protocol("thanet")
    options = training.route_options(list(protocol.roles), "monitoring_officer", seed, case.id)
    keys = keys_for("refer") + DOWN * options.index("monitoring_officer") + ENTER
    args = [
        "train",
        "-c",
        "thanet",
        "-s",
        "information-access",
        "--rounds",
        "1",
        "--seed",
        str(seed),
        "--json",
    ]
    result = typed(keys, *args)
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["results"]
    assert row["right"] and row["route_chosen"] == "Monitoring Officer"


def test_train_without_a_terminal_says_so(cli) -> None:
    result = cli("train")
    assert result.code == 2
    assert result.err.startswith("Error: protocol train is a quiz and needs a terminal")


def test_train_with_no_matching_cases_says_what_to_do(cli, monkeypatch) -> None:
    monkeypatch.setenv("PROTOCOL_INTERACTIVE", "1")
    result = cli("train", "-c", "combined-authority", "-s", "scrutiny")
    assert result.code == 2
    assert result.err == (
        "Error: no training cases for combined-authority and scrutiny; drop --council or --scenario, "
        "or add cases to data/training/\n"
    )


# --- protocol demo --------------------------------------------------------------------------


def test_demo_walks_a_case_question_by_question_to_the_cited_answer(cli) -> None:
    result = cli("demo", "bcc-the-ward-colleague", "--auto", "--delay", "0")
    assert result.code == 0, result.err
    out = result.out
    assert out.index("Cllr Patel emails you") < out.index("Question 1") < out.index("NOT ALLOWED")
    assert "▶ Blind: bcc, or without the author knowing" in out
    assert "10.2.1" in out and "Question 2" not in out  # Thanet decides on the first question
    assert all(len(line) <= 80 for line in out.splitlines())


def test_demo_compare_ends_with_every_protocol(cli) -> None:
    out = cli("demo", "bcc-the-ward-colleague", "--auto", "--delay", "0", "--compare").out
    tail = out[out.index("the same facts under each protocol") :]
    assert all(pid in tail for pid in PROTOCOL_IDS)


def test_demo_of_a_scenario_with_answers(cli) -> None:
    result = cli(
        "demo", "media", "-c", "thanet", "-a", "who=officer", "-a", "authorised=no", "--auto", "--delay", "0"
    )
    assert result.code == 0 and "Question 2" in result.out and "Question 3" not in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["demo", "bcc-the-ward-colleague"], "protocol demo moves on when you press Enter"),
        (["demo", "--auto"], "give a training case or a scenario"),
        (
            ["demo", "nothing-like-it", "--auto"],
            "'nothing-like-it' is neither a training case nor a scenario",
        ),
        (
            ["demo", "media", "-c", "thanet", "--auto"],
            "not enough answers: media under thanet needs 'who' next",
        ),
    ],
)
def test_demo_bad_input_is_one_clear_line(cli, args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and message in result.err


# --- end to end, in a pseudo-terminal ---------------------------------------------------------


def finished(child) -> int:
    import pexpect

    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_train_in_a_real_terminal(tmp_path: Path) -> None:
    (case,) = training.select(CASES, "thanet", "media", 1, 3)
    child = spawn_in_terminal(
        tmp_path, "train", "-c", "thanet", "-s", "media", "--rounds", "1", "--seed", "3"
    )
    child.expect("Case 1 of 1")
    child.expect("What does the protocol say")
    child.send(DOWN * VERDICTS.index(case.verdict) + ENTER)
    child.expect("RIGHT")
    child.expect("Score by scenario")
    assert finished(child) == 0


def test_demo_in_a_real_terminal_moves_on_with_enter(tmp_path: Path) -> None:
    child = spawn_in_terminal(tmp_path, "demo", "bcc-the-ward-colleague")
    child.expect("Cllr Patel")
    child.expect("Press Enter")
    child.send(ENTER)
    child.expect("Question 1")
    child.expect("Press Enter")
    child.send(ENTER)
    child.expect("NOT ALLOWED")
    assert finished(child) == 0


def test_train_pauses_after_a_reveal_and_ctrl_c_shows_the_score_so_far(tmp_path: Path) -> None:
    cases = training.select(CASES, "thanet", None, 2, 5)
    child = spawn_in_terminal(tmp_path, "train", "-c", "thanet", "--rounds", "2", "--seed", "5")
    child.expect("Case 1 of 2")
    child.expect("What does the protocol say")
    child.send(DOWN * VERDICTS.index(cases[0].verdict) + ENTER)
    if cases[0].verdict == "refer":
        child.expect("Who would you go to first")
        child.send(ENTER)
    child.expect("Press Enter for the next case")
    assert "Case 2 of 2" not in child.before
    child.sendintr()
    child.expect("Cancelled after 1 of 2 cases")
    child.expect("Score by scenario")
    assert finished(child) == 130


def test_route_choices_are_in_sentence_case() -> None:
    from protocol_cli.commands.actions.train import _sentence_case

    assert _sentence_case("group leader") == "Group leader"
    assert _sentence_case("Monitoring Officer") == "Monitoring Officer"
