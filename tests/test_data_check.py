"""`protocol data check`: the bundled data passes, and each kind of broken data is caught.

Each broken fixture is a small data folder (Thanet's clauses and one scenario) with one fault.
The line the fault is on is marked `# <-` in the fixture; the report must name that file and line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from protocol_cli.sources import datacheck
from protocol_cli.sources.library import bundled_data_root

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
answer = "The protocol does not say. Ask."
cite = ["2.3"]
contacts = ["monitoring_officer"]
why_not_covered = "Nothing found answers it."
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


VERDICT_AND_ANSWER = 'verdict = "not-allowed"\nanswer = "No."'  # the first rule's
CITE = 'cite = ["9.1.12"]'  # the first rule's citation
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
    "a refer answer without a route": (
        replace('verdict = "not-allowed"', 'verdict = "refer"', first_rule()),
        "a refer outcome lists its 'route' (role keys, in order)",
    ),
    # --- what the verdict word means (verdictlint) ---
    "an answer whose first word says another verdict": (
        replace('answer = "No."', 'answer = "Yes, but not blind."', first_rule()),
        '[answer-opener]: a not-allowed answer begins "No": it begins "Yes, but not blind."',
    ),
    "an allowed answer that begins with a condition": (
        replace(
            'verdict = "not-allowed"\nanswer = "No."\ncite = ["9.1.12"]',
            'verdict = "allowed"\nanswer = "Yes, if the author agrees."\ncite = ["9.1.12.b1"]',
            first_rule(),
        ),
        '[answer-opener]: a allowed answer does not begin "Yes, if" (that makes it conditional)',
    ),
    "a conditional answer that begins like an allowed one": (
        replace(
            'verdict = "not-allowed"\nanswer = "No."',
            'verdict = "conditional"\nanswer = "Yes."\nconditions = ["The author agrees."]',
            first_rule(),
        ),
        '[answer-opener]: a conditional answer begins "Only if", "Yes, if" or "Yes, provided": '
        'it begins "Yes."',
    ),
    "a required answer that begins like a refer": (
        replace(
            'verdict = "not-allowed"\nanswer = "No."',
            'verdict = "required"\nanswer = "The Monitoring Officer is told."\n'
            'contacts = ["monitoring_officer"]',
            first_rule(),
        ),
        '[answer-opener]: a required answer begins "Yes", "You must", "You should" or "You need to"',
    ),
    "a refer answer that begins Yes": (
        replace(
            'verdict = "not-allowed"\nanswer = "No."',
            'verdict = "refer"\nanswer = "Yes. The Monitoring Officer decides."\n'
            'route = ["monitoring_officer"]',
            first_rule(),
        ),
        '[answer-opener]: a refer answer never begins "Yes" or "No"',
    ),
    "a not-covered answer that does not say so": (
        replace('answer = "The protocol does not say. Ask."', 'answer = "Ask."', last_rule()),
        '[answer-opener]: a not-covered answer begins "The protocol does not say" or "The code does not say"',
    ),
    "a condition that restates a question": (
        replace(
            'verdict = "not-allowed"\nanswer = "No."',
            'verdict = "conditional"\nanswer = "Only if the author agreed."\n'
            'conditions = ["The author agreed to the letter being copied."]',
            first_rule(),
        ).replace(
            "\n[[rules.thanet]]  # <-",
            '\n[[question]]\nid = "agreed"\nprompt = "Has the author agreed to the letter being copied?"\n'
            'help = "Because."\n\n[[rules.thanet]]  # <-',
        ),
        '[condition-is-a-question]: the condition "The author agreed to the letter being copied." is what '
        "question 'agreed' asks",
    ),
    "a refer answer that does not name who decides": (
        replace(
            'verdict = "not-allowed"\nanswer = "No."',
            'verdict = "refer"\nanswer = "Raise it informally first."\nroute = ["monitoring_officer"]',
            first_rule(),
        ),
        "[refer-route]: a refer answer begins by naming who decides or handles it "
        "(route: Monitoring Officer)",
    ),
    "a required answer that says neither to whom nor what to do": (
        replace(VERDICT_AND_ANSWER, 'verdict = "required"\nanswer = "Yes."', first_rule()),
        "[required-says-what]: a required answer says to whom (`contacts`, role keys) "
        "or what to do (`steps`)",
    ),
    "an allowed answer whose deciding clause forbids it": (
        replace(VERDICT_AND_ANSWER, 'verdict = "allowed"\nanswer = "Yes."', first_rule()),
        '[contradicts-clause]: its deciding clause 9.1.12 says "An Officer should not copy correspondence',
    ),
    "a not-allowed answer whose deciding clause permits it": (
        replace('cite = ["9.1.12"]', 'cite = ["9.1.12.p1", "9.1.12"]', first_rule()),
        '[contradicts-clause]: its deciding clause 9.1.12.p1 says "A member may copy correspondence',
    ),
    "a not-covered answer without why": (
        replace('why_not_covered = "Nothing found answers it."\n', "", last_rule()),
        "[not-covered-search]: a not-covered rule says why none of what clause search finds answers the "
        'question (why_not_covered = """..."""); search for "sample" finds',
    ),
    "a reviewed entry naming no check": (
        replace(CITE, CITE + '\nreviewed = { answer-openr = "Typed wrong." }', first_rule()),
        "rules.thanet rule 1: reviewed names 'answer-openr', which is no check (known: answer-opener,",
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


def sample_findings(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["file"].endswith("sample.toml")]


# An allowed answer citing first a clause that forbids (contradicts-clause), acknowledged.
FORBIDS = replace(VERDICT_AND_ANSWER, 'verdict = "allowed"\nanswer = "Yes."', first_rule())
WHY = "The exceptions under 9.1.12 decide; the clause is cited for its rule."


def test_a_reviewed_finding_is_listed_as_reviewed_not_as_an_error(tmp_path) -> None:
    text = replace(CITE, CITE + f'\nreviewed = {{ contradicts-clause = "{WHY}" }}', FORBIDS)
    report = datacheck.check(make_data(tmp_path, text))
    (found,) = sample_findings(report)
    assert found["severity"] == "reviewed" and found["reviewed"] == WHY
    assert found["lint"] == "contradicts-clause" and found["line"] == marked_line(text)
    assert report["lints"]["contradicts-clause"] == {"open": 0, "reviewed": 1}
    assert report["counts"]["reviewed"] == 1
    unreviewed = datacheck.check(make_data(tmp_path / "b", FORBIDS))
    assert [f["severity"] for f in sample_findings(unreviewed)] == ["error"]
    assert unreviewed["lints"]["contradicts-clause"] == {"open": 1, "reviewed": 0}


def test_a_reviewed_entry_whose_check_finds_nothing_is_a_warning(tmp_path) -> None:
    text = replace(CITE, CITE + '\nreviewed = { answer-opener = "Old." }', first_rule())
    (found,) = sample_findings(datacheck.check(make_data(tmp_path, text)))
    assert found["severity"] == "warning" and found["line"] == marked_line(text)
    assert "reviewed names 'answer-opener', but that check finds nothing here" in found["message"]


def test_each_not_covered_rule_lists_what_clause_search_finds(tmp_path) -> None:
    text = replace('title = "A sample"', 'title = "A sample"\naliases = ["copy correspondence"]', last_rule())
    report = datacheck.check(make_data(tmp_path, text))
    (row,) = report["not_covered"]
    assert (row["protocol"], row["rule"], row["line"]) == ("thanet", 2, marked_line(text))
    assert row["words"] == ["sample", "copy", "correspondence"]
    assert row["why_not_covered"] == "Nothing found answers it."
    labels = [h["label"] for h in row["found"]]
    assert 0 < len(labels) <= 5 and "2.3" not in labels  # the seek-advice clause is cited anyway
    assert all("correspondence" in h["text"].lower() or "cop" in h["text"].lower() for h in row["found"])


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


@pytest.mark.parametrize("terminal", ["plain", "rich"])
def test_the_report_lists_searches_and_reviewed_findings(cli, tmp_path, monkeypatch, terminal: str) -> None:
    monkeypatch.setenv("PROTOCOL_TERMINAL", terminal)
    monkeypatch.setenv("COLUMNS", "400")  # (rich folds a long path inside the word)
    text = replace(CITE, CITE + f'\nreviewed = {{ contradicts-clause = "{WHY}" }}', FORBIDS)
    root = make_data(tmp_path, text)
    report = datacheck.check(root)
    found = ", ".join(h["label"] for h in report["not_covered"][0]["found"])
    words = " ".join(cli("data", "check", str(root)).out.split())  # long lines wrap
    assert (
        "Not-covered answers, and what clause search finds in that protocol for the scenario's words" in words
    )
    line = [n for n, x in enumerate(text.splitlines(), start=1) if x == "[[rules.thanet]]"][-1]
    assert f"sample, thanet rule 2 ({root / 'scenarios' / 'sample.toml'}, line {line})" in words
    assert f"finds: {found}" in words and "why not covered: Nothing found answers it." in words
    assert "Findings a reviewer judged not to apply" in words
    assert "rule 1 [contradicts-clause]: its deciding clause 9.1.12 says" in words
    assert f"reviewed: {WHY}" in words
    assert "Verdict checks: answer-opener 0, condition-is-a-question 0, " in words
    assert "contradicts-clause 0 (+1 reviewed), not-covered-search 0" in words
    as_json = cli("data", "check", str(root), "--json").json()
    assert as_json["not_covered"] == report["not_covered"] and as_json["lints"] == report["lints"]


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
