"""`protocol data draft` and `protocol data review`: rule tables for a council's own protocol,
drafted from a similar one and reviewed at a terminal; `ask`, `compare` and `data check` on them."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, requires_seeds, spawn_in_terminal

from protocol_cli.sources.library import use_library

SEED = SEEDS / "003_642821e2e271e70e.txt"  # Rutland's text, imported as a council's own protocol
MEDIA = ["ask", "-s", "media", "-c", "our-council", "-a", "who=officer", "-a", "authorised=yes"]


@pytest.fixture
def imported(cli, tmp_path) -> Path:
    folder = tmp_path / "our-data"
    result = cli("--data-dir", str(folder), "data", "import", str(SEED), "--id", "our-council")
    assert result.code == 0, result.err
    use_library(None)
    return folder


@pytest.fixture
def drafted(cli, imported) -> Path:
    result = cli("--data-dir", str(imported), "data", "draft", "our-council", "--like", "thanet", "--json")
    assert result.code == 0, result.err
    use_library(None)
    return imported


@requires_seeds
def test_ask_on_a_protocol_without_tables_names_the_command_that_drafts_them(cli, imported) -> None:
    result = cli("--data-dir", str(imported), *MEDIA)
    assert result.code == 2
    assert "has no rules for our-council yet; draft them from a similar protocol with: " in result.err
    assert "data draft our-council" in result.err
    use_library(None)
    compared = cli(
        "--data-dir", str(imported), "compare", "media", "-a", "who=officer", "--no-input", "--json"
    )
    assert "Note: our-council is left out: it has no rules for 'media' yet" in compared.err


@requires_seeds
def test_draft_writes_a_marked_table_for_every_scenario(cli, imported) -> None:
    result = cli("--data-dir", str(imported), "data", "draft", "our-council", "--like", "thanet", "--json")
    assert result.code == 0, result.err
    view = result.json()
    scenario_files = sorted(p.stem for p in (ROOT / "data" / "scenarios").glob("*.toml"))
    assert view["drafted_from"] == "thanet" and [s["id"] for s in view["scenarios"]] == scenario_files
    assert all(s["written"] for s in view["scenarios"])
    data = tomllib.loads((imported / "scenarios" / "media.toml").read_text(encoding="utf-8"))
    rules = data["rules"]["our-council"]
    assert rules and all(r["draft"]["from"] == "thanet" and r["draft"]["evidence"] for r in rules)
    evidence = view["rules"][0]["evidence"][0]
    assert set(evidence) == {"source", "clause", "score", "source_text", "clause_text"}
    assert 0 <= evidence["score"] <= 1 and evidence["source_text"]
    # a second run leaves the tables it wrote alone
    use_library(None)
    again = cli("--data-dir", str(imported), "data", "draft", "our-council", "--like", "thanet", "--json")
    assert all("has a table for our-council already" in s["skipped"] for s in again.json()["scenarios"])


@requires_seeds
def test_draft_chooses_the_most_similar_protocol_by_itself(cli, imported) -> None:
    view = cli("--data-dir", str(imported), "data", "draft", "our-council", "--json").json()
    ranking = view["similarity"]
    assert view["drafted_from"] == ranking[0]["id"] == "rutland"  # (its own text, bundled)
    assert [r["score"] for r in ranking] == sorted((r["score"] for r in ranking), reverse=True)


@requires_seeds
def test_ask_says_a_draft_rule_is_not_reviewed(cli, drafted) -> None:
    answer = [*MEDIA, "-a", "content=factual"]
    view = cli("--data-dir", str(drafted), *answer, "--json").json()
    assert view["draft"] is True and "not yet reviewed by your council" in view["draft_note"]
    use_library(None)
    text = cli("--data-dir", str(drafted), *answer)
    assert "Draft rule, not yet reviewed by your council" in text.out


@requires_seeds
def test_data_check_counts_drafted_and_reviewed_rules(cli, drafted) -> None:
    path = drafted / "scenarios" / "media.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "draft = {", 'reviewed_by = "A. Clerk"\nreviewed_at = "2025-01-01T00:00:00+00:00"\ndraft = {', 1
        ),
        encoding="utf-8",
    )
    report = cli("--data-dir", str(drafted), "data", "check", "--json").json()
    (row,) = report["drafts"]
    assert row["protocol"] == "our-council" and row["reviewed"] == 1
    assert row["to_review"] == row["drafted"] - 1 > 100
    drafted_findings = [f for f in report["findings"] if "draft rule, not yet reviewed" in f["message"]]
    assert drafted_findings and {f["severity"] for f in drafted_findings} == {"warning"}


def test_draft_needs_a_data_folder(cli) -> None:
    result = cli("data", "draft", "thanet")
    assert result.code == 2 and "give --data-dir DIR" in result.err


def test_reviewed_by_without_a_draft_is_refused(cli, tmp_path) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "media.toml").write_text(
        'schema = 1\nid = "media"\n\n[[rules.thanet]]\nverdict = "not-covered"\n'
        'answer = "The protocol does not say."\ncite = ["2.3"]\ncontacts = ["monitoring_officer"]\n'
        'reviewed_by = "A. Clerk"\n',
        encoding="utf-8",
    )
    result = cli("--data-dir", str(tmp_path), "data", "check", "--json")
    assert result.code == 1
    assert any(
        "'reviewed_by' is a non-empty string, and only on a drafted rule" in f["message"]
        for f in result.json()["findings"]
    )


def test_a_broken_local_scenario_is_the_only_problem_data_check_reports(cli, tmp_path) -> None:
    (tmp_path / "scenarios").mkdir()
    path = tmp_path / "scenarios" / "media.toml"
    path.write_text('schema = 1\nid = "media"\n\n[[rules.thanet]]\nverdict = "perhaps"\n', encoding="utf-8")
    bundled = cli("data", "check", "--json").json()
    use_library(None)
    report = cli("--data-dir", str(tmp_path), "data", "check", "--json").json()
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    before = [f for f in bundled["findings"] if f["severity"] == "error"]
    assert [f["file"] for f in errors if f not in before] == [str(path)]
    assert report["counts"]["training_cases"] == bundled["counts"]["training_cases"]


@requires_seeds
def test_review_without_a_terminal_is_one_clear_line(cli, drafted) -> None:
    result = cli("--data-dir", str(drafted), "data", "review", "our-council")
    assert (
        result.code == 2
        and "needs a terminal" in result.err
        and "draft rules for our-council wait" in result.err
    )


@requires_seeds
def test_leave_one_out_drafting_agrees_at_least_as_measured() -> None:
    """The leave-one-out figures in README (tools/draft_leave_one_out.py) do not get worse."""
    sys.path.insert(0, str(ROOT / "tools"))
    import draft_leave_one_out

    rows = draft_leave_one_out.run()
    rules = sum(r["rules"] for r in rows)
    assert rules > 600
    assert sum(r["verdict_agrees"] for r in rows) / rules >= 0.42
    assert sum(r["both_agree"] for r in rows) / rules >= 0.28


DOWN = "\x1b[B"


@requires_seeds
def test_review_at_a_terminal_accepts_and_changes_a_citation(cli, drafted, tmp_path) -> None:
    child = spawn_in_terminal(
        tmp_path / "home",
        "--data-dir",
        str(drafted),
        "data",
        "review",
        "our-council",
        "--reviewer",
        "A. Clerk",
    )
    child.expect("What do you make of this rule")
    child.send("\r")  # accept
    child.expect("Saved: accepted by A. Clerk")
    child.expect("What do you make of this rule")
    child.send(DOWN + DOWN)  # change the citation
    child.send("\r")
    child.expect("Clause labels of our-council")
    child.send("99.9\r")
    child.expect("not a clause of our-council")
    child.expect("Clause labels of our-council")
    child.send("13.1\r")
    child.expect("Saved: cite by A. Clerk")
    child.expect("What do you make of this rule")
    child.send(DOWN * 4 + "\r")  # stop
    child.expect(r"Reviewed 2, skipped 0; (\d+) draft rules for our-council still to review")
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 0
    rules = tomllib.loads((drafted / "scenarios" / "complaint-route.toml").read_text(encoding="utf-8"))
    first, second = rules["rules"]["our-council"][:2]
    assert first["reviewed_by"] == second["reviewed_by"] == "A. Clerk" and first["reviewed_at"]
    assert second["cite"] == ["13.1"]
    use_library(None)
    report = cli("--data-dir", str(drafted), "data", "check", "--json").json()
    assert report["drafts"][0]["reviewed"] == 2
