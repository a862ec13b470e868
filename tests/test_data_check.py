"""`protocol data check`: the bundled data passes, and each kind of broken data is caught.

Each broken fixture is a small data folder (Thanet's clauses and one scenario) with one fault.
The line the fault is on is marked `# <-` in the fixture; the report must name that file and line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from protocol_cli import datacheck
from protocol_cli.library import bundled_data_root

BUNDLED = bundled_data_root()

GOOD = """\
schema = 1
id = "sample"
title = "A sample"
summary = "A scenario for testing the data check."

[[question]]
id = "copy"
prompt = "Copy it?"
help = "Because."

[[question]]
id = "how"
prompt = "How?"
help = "Because."
options = [
    { value = "open", label = "Openly" },
    { value = "blind", label = "Blind" },
]

[[rules.thanet]]
when = { how = "blind" }
verdict = "not-allowed"
answer = "No."
cite = ["9.1.12"]

[[rules.thanet]]
verdict = "not-covered"
answer = "Ask."
cite = ["2.3"]
contacts = ["monitoring_officer"]
"""


def make_data(tmp_path: Path, scenario: str, clauses: str | None = None) -> Path:
    root = tmp_path / "data"
    (root / "clauses").mkdir(parents=True)
    (root / "scenarios").mkdir()
    clause_text = (BUNDLED / "clauses" / "thanet.toml").read_text(encoding="utf-8")
    (root / "clauses" / "thanet.toml").write_text(clauses or clause_text, encoding="utf-8")
    (root / "scenarios" / "sample.toml").write_text(scenario, encoding="utf-8")
    return root


def marked_line(text: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if "# <-" in line)


def errors(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["severity"] == "error"]


def replace(old: str, new: str, text: str = GOOD) -> str:
    assert old in text
    return text.replace(old, new, 1)


FIRST = '[[rules.thanet]]\nwhen = { how = "blind" }'  # the first rule's header and condition
LAST = '[[rules.thanet]]\nverdict = "not-covered"'  # the last rule's header and verdict


def first_rule(new_when: str = 'when = { how = "blind" }') -> str:
    """GOOD with the first rule's header marked and its condition replaced."""
    return replace(FIRST, "[[rules.thanet]]  # <-\n" + new_when)


def last_rule(before_verdict: str = "") -> str:
    """GOOD with the last rule's header marked (and lines put before its verdict)."""
    return replace(LAST, "[[rules.thanet]]  # <-\n" + before_verdict + 'verdict = "not-covered"')


BROKEN = {
    "not TOML": (replace('title = "A sample"', 'title = "A sample  # <-'), "is not valid TOML"),
    "a required key of the wrong type": (replace('title = "A sample"', "title = 3  # <-"), "'title' must be"),
    "an unknown key": (replace('title = "A sample"', 'title = "A sample"\nowner = "x"  # <-'), "unknown key"),
    "a question id used twice": (
        replace('id = "how"', 'id = "copy"  # <-'),
        "question id 'copy' is used twice",
    ),
    "an unknown verdict word": (
        replace('verdict = "not-allowed"', 'verdict = "perhaps"', first_rule()),
        "verdict 'perhaps' is not one of",
    ),
    "an outcome citing nothing": (
        replace('cite = ["9.1.12"]\n', "", first_rule()),
        "every outcome cites at least one clause",
    ),
    "a cite that is not a clause": (
        replace('"9.1.12"', '"99.9"', first_rule()),
        "cites '99.9', which is not a clause of thanet",
    ),
    "a role that is not in the protocol's roles": (
        replace('["monitoring_officer"]', '["town_crier"]', last_rule()),
        "role 'town_crier' is not in thanet's roles",
    ),
    "a condition on an unknown question": (
        first_rule('when = { hwo = "blind" }'),
        "'when' names unknown question 'hwo'",
    ),
    "a condition on an answer the question does not offer": (
        first_rule('when = { how = "bcc" }'),
        "when.how = 'bcc' is not one of open, blind",
    ),
    "a path no rule decides": (
        last_rule('when = { copy = "yes" }\n'),
        "no rule decides copy=no, how=open",
    ),
    "a rule shadowed by an earlier one": (
        replace(
            '[[rules.thanet]]\nverdict = "not-covered"',
            '[[rules.thanet]]  # <-\nwhen = { how = "blind", copy = "yes" }\nverdict = "allowed"\n'
            'answer = "Yes."\ncite = ["9.1.12.b1"]\n\n[[rules.thanet]]\nverdict = "not-covered"',
        ),
        "rule 2 is never reached: earlier rules decide every case it covers (rule 1)",
    ),
    "a not-covered answer without the seek-advice clause": (
        replace('cite = ["2.3"]', 'cite = ["9.1.12"]', last_rule()),
        "a not-covered answer cites the protocol's 'seek advice' clause (2.3)",
    ),
}


@pytest.mark.parametrize("name", BROKEN)
def test_each_kind_of_fault_is_reported_with_file_and_line(tmp_path, name: str) -> None:
    text, message = BROKEN[name]
    root = make_data(tmp_path, text)
    report = datacheck.check(root)
    assert not report["ok"]
    found = [f for f in errors(report) if message in f["message"]]
    assert found, [f["message"] for f in errors(report)]
    assert found[0]["file"] == str(root / "scenarios" / "sample.toml")
    assert found[0]["line"] == marked_line(text)


def test_a_good_scenario_has_no_scenario_faults(tmp_path) -> None:
    root = make_data(tmp_path, GOOD)
    report = datacheck.check(root)
    assert [f for f in report["findings"] if f["file"].endswith("sample.toml")] == []


def test_uncited_rule_clauses_are_listed_with_their_lines(tmp_path) -> None:
    root = make_data(tmp_path, GOOD)
    report = datacheck.check(root)
    clause_file = root / "clauses" / "thanet.toml"
    text = clause_file.read_text(encoding="utf-8").splitlines()
    uncited = [f for f in errors(report) if "is cited by no answer" in f["message"]]
    (row,) = report["coverage"]
    # all but the two the sample cites (9.1.12 and 2.3) and those with a reason
    assert len(uncited) == len(row["uncited"]) == row["rule_clauses"] - 2 - len(row["excused"])
    first = uncited[0]
    assert first["file"] == str(clause_file)
    label = first["message"].split()[2]
    assert text[first["line"] - 1] == f'label = "{label}"'


def test_coverage_below_the_target_is_an_error(tmp_path) -> None:
    report = datacheck.check(make_data(tmp_path, GOOD))
    (row,) = report["coverage"]
    assert row["share"] < datacheck.TARGET
    assert any("the target is 90%" in f["message"] for f in errors(report))


def test_a_reason_on_a_clause_an_answer_cites_is_an_error(tmp_path) -> None:
    clauses = (BUNDLED / "clauses" / "thanet.toml").read_text(encoding="utf-8")
    marked = 'label = "9.1.12"\n'
    assert marked in clauses
    clauses = clauses.replace(marked, marked + 'uncited = "Answers nothing."\n', 1)
    root = make_data(tmp_path, GOOD, clauses)
    found = [f for f in errors(datacheck.check(root)) if "but an answer does" in f["message"]]
    assert len(found) == 1
    line = clauses.splitlines()[found[0]["line"] - 1]
    assert line == 'label = "9.1.12"'


# --- the command --------------------------------------------------------------------------


def test_the_bundled_data_passes_with_coverage_above_target(cli) -> None:
    result = cli("data", "check", "--json")
    assert result.code == 0, result.out
    report = result.json()
    assert report["ok"] and report["bundled"]
    assert report["counts"]["protocols"] == 5
    assert report["counts"]["tables"] == 5 * report["counts"]["scenarios"]
    assert errors(report) == []
    for row in report["coverage"]:
        assert row["share"] >= 0.9, row["protocol"]
        assert row["uncited"] == []
        assert all(reason.strip() for reason in row["excused"].values())


def test_the_report_in_words(cli) -> None:
    out = cli("data", "check").out
    assert out.startswith("Checked the bundled data: 5 protocols, ")
    assert "Rule clauses no answer cites, and why:" in out
    assert out.rstrip().endswith("All checks passed.")


def test_broken_data_exits_1_and_says_where(cli, tmp_path) -> None:
    text, _ = BROKEN["a cite that is not a clause"]
    root = make_data(tmp_path, text)
    result = cli("data", "check", str(root))
    assert result.code == 1
    words = " ".join(result.out.split())  # long paths wrap
    assert f"error: {root / 'scenarios' / 'sample.toml'}, line {marked_line(text)}:" in words
    assert "problems found." in result.out


@pytest.mark.parametrize("missing", ["clauses", "scenarios"])
def test_a_folder_that_is_not_a_data_folder_is_a_usage_error(cli, tmp_path, missing: str) -> None:
    root = tmp_path / "data"
    root.mkdir()
    (root / ({"clauses", "scenarios"} - {missing}).pop()).mkdir()
    result = cli("data", "check", str(root))
    assert result.code == 2
    assert result.err.strip() == (
        f"Error: {root} has no {missing}/ folder; give a data folder holding clauses/ and scenarios/"
    )


def test_a_copy_of_the_bundled_data_passes(cli, tmp_path) -> None:
    shutil.copytree(BUNDLED, tmp_path / "copy", ignore=shutil.ignore_patterns("__pycache__"))
    assert cli("data", "check", str(tmp_path / "copy")).code == 0
