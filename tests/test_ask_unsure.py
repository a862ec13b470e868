""" "I'm not sure" as the user meets it: `ask --answer q=unsure`, answers files, `check` (with
`expect_cite`), `compare`, audit notes, and the prompt at a real terminal.

The cases are found in the bundled tables by the engine (so they follow the data as reviewers
change it); what is asserted is what the command prints, each branch against the command run
with that value given.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path

import jsonschema
import pexpect
import pytest
from conftest import ROOT, answer_args, spawn_in_terminal

from protocol_cli.deciding import engine
from protocol_cli.deciding.engine import UNSURE
from protocol_cli.deciding.unsure import resolve
from protocol_cli.sources.library import Library, bundled_data_root
from protocol_cli.storage import audit

LIB = Library(bundled_data_root())
SCHEMA = json.loads((ROOT / "docs" / "json" / "answered.schema.json").read_text())
DOWN, ENTER = "\x1b[B", "\r"


def complete_paths(scenario, table):
    """(answers, consulted questions) for each way through a table: its decision tree's leaves."""

    def walk(known):
        question = engine.next_question(scenario, table, known)
        if question is None:
            yield dict(known)
            return
        for value in question.values:
            yield from walk({**known, question.id: value})

    for answers in walk({}):
        yield answers, engine.path(scenario, table, answers)[0]


def find(kind: str, how_many: int = 1):
    """A real (scenario, protocol, answers, unsure question ids) whose unsure answers do what
    `kind` says: "same-rule" (the unknown does not matter), "same-verdict" (rules differ, the
    verdict does not) or "differ" (the verdict differs)."""
    for sid in LIB.catalogue.ids():
        for pid in LIB.protocol_ids():
            scenario, table, _ = LIB.table(sid, pid)
            for answers, asked in complete_paths(scenario, table):
                for qids in itertools.combinations(asked, how_many):
                    found = resolve(scenario, table, {**answers, **dict.fromkeys(qids, UNSURE)})
                    if found.missing is not None:
                        continue
                    verdicts = {r.outcome.verdict for r in found.rules}
                    shape = (
                        "same-rule"
                        if found.rule is not None
                        else "same-verdict"
                        if len(verdicts) == 1
                        else "differ"
                    )
                    if shape == kind and set(found.depends_on) == (set(qids) if found.branches else set()):
                        return sid, pid, answers, list(qids)
    pytest.skip(f"no table in the bundled data has a case of kind {kind!r}")


def ask_json(cli, sid: str, pid: str, answers: dict[str, str], *extra: str) -> dict:
    r = cli("ask", "-s", sid, "-c", pid, *answer_args(**answers), "--json", "--no-input", *extra)
    assert r.code == 0, r.err
    view = r.json()
    jsonschema.validate(view, SCHEMA)
    return view


def test_an_unknown_that_does_not_matter_gives_the_one_answer_and_says_so(cli) -> None:
    sid, pid, answers, (qid,) = find("same-rule")
    given = ask_json(cli, sid, pid, answers)
    unsure = ask_json(cli, sid, pid, {**answers, qid: "unsure"})
    assert unsure["answers"][qid] == "unsure"
    assert (unsure["verdict"], unsure["citations"], unsure["rule"]) == (
        given["verdict"],
        given["citations"],
        given["rule"],
    )
    assert unsure["depends_on"] == [] and unsure["branches"] == []
    prompt = LIB.scenario(sid).question(qid).prompt
    assert (
        unsure["answer"] == given["answer"] + f' Not knowing the answer to "{prompt}" does not change this.'
    )


@pytest.mark.parametrize("kind", ["differ", "same-verdict"])
def test_an_unknown_that_matters_gives_each_branch_as_if_answered(cli, kind: str) -> None:
    sid, pid, answers, (qid,) = find(kind)
    view = ask_json(cli, sid, pid, {**answers, qid: "unsure"})
    question = LIB.scenario(sid).question(qid)
    assert view["depends_on"] == [qid] and "rule" not in view
    covered = []
    for branch in view["branches"]:
        assert list(branch["answers"]) == [qid]
        for value in branch["answers"][qid]:
            given = ask_json(cli, sid, pid, {**answers, qid: value})
            assert (branch["verdict"], branch["answer"], branch["citations"], branch["rule"]) == (
                given["verdict"],
                given["answer"],
                given["citations"],
                given["rule"],
            )
            covered.append(value)
    assert sorted(covered) == sorted(question.values)  # every value, each in one branch
    assert len({b["rule"] for b in view["branches"]}) == len(view["branches"])  # same rule, one branch
    verdicts = {b["verdict"] for b in view["branches"]}
    cited = {c["id"] for b in view["branches"] for c in b["citations"]}
    assert {c["id"] for c in view["citations"]} == cited
    if kind == "differ":
        assert view["verdict"] == "conditional"
        assert view["answer"].startswith(f'It depends on the answer to "{question.prompt}": if ')
        assert view["conditions"] == [f"Find out: {question.prompt}"]
    else:
        assert [view["verdict"]] == list(verdicts)
        assert f'whatever the answer to "{question.prompt}"' in view["answer"]


def test_several_unsure_answers(cli) -> None:
    sid, pid, answers, qids = find("differ", how_many=2)
    view = ask_json(cli, sid, pid, {**answers, **dict.fromkeys(qids, "unsure")})
    assert view["depends_on"] == qids and view["verdict"] == "conditional"
    scenario = LIB.scenario(sid)
    for values in itertools.product(*(scenario.question(q).values for q in qids)):
        chosen = dict(zip(qids, values, strict=True))
        hits = [b for b in view["branches"] if all(chosen[q] in v for q, v in b["answers"].items())]
        assert len(hits) == 1
        given = ask_json(cli, sid, pid, {**answers, **chosen})
        assert (hits[0]["verdict"], hits[0]["citations"]) == (given["verdict"], given["citations"])
    assert all(" = " in b["case"] for b in view["branches"] if b["answers"])  # names which is which


def test_the_plain_answer_shows_what_it_turns_on(cli) -> None:
    sid, pid, answers, (qid,) = find("differ")
    view = ask_json(cli, sid, pid, {**answers, qid: "unsure"})
    r = cli("ask", "-s", sid, "-c", pid, *answer_args(**{**answers, qid: "not sure"}), "--no-input")
    assert r.code == 0, r.err
    out = " ".join(r.out.split())
    assert "Verdict: CONDITIONAL" in out and 'What it turns on (you answered "I\'m not sure")' in out
    for branch in view["branches"]:
        labels = " ".join(c["label"] for c in branch["citations"])
        assert f"If {branch['case']}: " in out and f"Cites: {', '.join(labels.split())}" in out
    rules = ", ".join(str(b["rule"]) for b in view["branches"])
    assert f"· rules {rules} ·" in out


def test_the_rich_answer_shows_each_branch(cli, monkeypatch) -> None:
    sid, pid, answers, (qid,) = find("differ")
    monkeypatch.setenv("PROTOCOL_TERMINAL", "rich")
    r = cli("ask", "-s", sid, "-c", pid, *answer_args(**{**answers, qid: "unsure"}), "--no-input")
    assert r.code == 0, r.err
    assert "What it turns on" in r.out and r.out.count("If ") >= 2 and "Cites: " in r.out


def test_an_answers_file_may_say_unsure(cli, tmp_path: Path) -> None:
    sid, pid, answers, (qid,) = find("differ")
    path = tmp_path / "answers.toml"
    path.write_text("".join(f'{k} = "{v}"\n' for k, v in {**answers, qid: "unsure"}.items()))
    r = cli("ask", "-s", sid, "-c", pid, "--answers-file", str(path), "--json")
    assert r.code == 0 and r.json()["depends_on"] == [qid]


def test_missing_answers_with_unsure_still_name_the_next_question(cli) -> None:
    r = cli("ask", "-s", "copy-correspondence", "-c", "thanet", "-a", "how=unsure", "--no-input", "--json")
    assert r.code == 2
    view = r.json()
    jsonschema.validate(view, json.loads((ROOT / "docs" / "json" / "incomplete.schema.json").read_text()))
    scenario, table, _ = LIB.table("copy-correspondence", "thanet")
    # the first question (in the scenario's order) that either way of copying still needs
    needs = [engine.next_question(scenario, table, {"how": v}) for v in scenario.question("how").values]
    first = min((q for q in needs if q), key=lambda q: scenario.order[q.id])
    assert [m["id"] for m in view["missing"]] == [first.id]
    text = cli("ask", "-s", "copy-correspondence", "-c", "thanet", "-a", "how=unsure", "--no-input")
    assert text.code == 2 and f"needs '{first.id}' next" in text.err and f"{first.id}=unsure" in text.err


def test_a_step_by_step_script_can_answer_unsure(cli) -> None:
    answers: dict[str, str] = {}
    for _ in range(20):
        r = cli("ask", "-s", "copy-correspondence", "-c", "thanet", *answer_args(**answers), "--json")
        view = r.json()
        if view["status"] == "answered":
            break
        answers[view["missing"][0]["id"]] = "unsure"
    assert view["status"] == "answered" and view["asked"]
    jsonschema.validate(view, SCHEMA)


# --- check ---------------------------------------------------------------------------------------


def check_rows(cli, tmp_path: Path, name: str, text: str, *args: str) -> tuple[int, list[dict]]:
    path = tmp_path / name
    path.write_text(text)
    r = cli("check", str(path), "--format", "jsonl", *args)
    return r.code, [json.loads(line) for line in r.out.splitlines()]


def test_check_rows_with_unsure_carry_branches(cli, tmp_path: Path) -> None:
    sid, pid, answers, (qid,) = find("differ")
    view = ask_json(cli, sid, pid, {**answers, qid: "unsure"})
    item = {"id": "u", "council": pid, "scenario": sid, "expect": "conditional"}
    rows = [
        {**item, "answers": {**answers, qid: "unsure"}},
        {**item, "id": "n", "answers": {**answers, qid: "Not sure"}},
    ]
    code, out = check_rows(cli, tmp_path, "u.json", json.dumps(rows))
    assert code == 0, out
    for row in out:
        assert row["status"] == "ok" and row["verdict"] == "conditional" and row["depends_on"] == [qid]
        assert [(b["answers"], b["verdict"], b["cite"]) for b in row["branches"]] == [
            (b["answers"], b["verdict"], [c["id"] for c in b["citations"]]) for b in view["branches"]
        ]
        assert row["cite"] == [c["id"] for c in view["citations"]] and row["cite_ok"] is None
    header = "id,council,scenario," + ",".join(answers) + "\n"
    body = f"c,{pid},{sid}," + ",".join("unsure" if q == qid else v for q, v in answers.items()) + "\n"
    (tmp_path / "u.csv").write_text(header + body)
    table = cli("check", str(tmp_path / "u.csv"), "--format", "table")
    assert f"[{qid}=" in table.out and "conditional" in table.out
    out_csv = cli("check", str(tmp_path / "u.csv"), "--format", "csv").out
    row = next(csv.DictReader(io.StringIO(out_csv)))
    assert row["depends_on"] == qid and row["branches"].count(f"{qid}=") == len(view["branches"])


def test_expect_cite_passes_when_one_listed_clause_is_cited(cli, tmp_path: Path) -> None:
    view = ask_json(
        cli, "complaint-route", "thanet", {"direction": "member-about-officer", "officer_level": "director"}
    )
    cited = view["citations"][0]
    spelled = cited["label"]
    uncited = next(
        c.label
        for c in LIB.protocol("thanet").clauses
        if c.label not in {x["label"] for x in view["citations"]}
    )
    header = "id,council,scenario,expect,expect_cite,direction,officer_level\n"
    lines = [
        f"plain,thanet,complaint-route,{view['verdict']},{spelled},member-about-officer,director",
        f"prefixed,thanet,complaint-route,,thanet:{spelled} {uncited},member-about-officer,director",
        f"wrong,thanet,complaint-route,{view['verdict']},{uncited},member-about-officer,director",
        "none,thanet,complaint-route,,,member-about-officer,director",
        "bad,thanet,complaint-route,,no.such.clause,member-about-officer,director",
        "other,thanet,complaint-route,,rutland:4.1,member-about-officer,director",
    ]
    code, rows = check_rows(cli, tmp_path, "c.csv", header + "\n".join(lines) + "\n")
    assert code == 1
    got = {r["id"]: r for r in rows}
    assert (got["plain"]["status"], got["plain"]["cite_ok"]) == ("ok", True)
    assert (got["prefixed"]["status"], got["prefixed"]["cite_ok"]) == ("ok", True)
    assert got["prefixed"]["expect_cite"] == [f"thanet:{spelled}", uncited]
    # the verdict agrees, the citation does not: a mismatch that says so, and cite_ok false
    assert (got["wrong"]["status"], got["wrong"]["cite_ok"]) == ("mismatch", False)
    assert got["wrong"]["reason"].startswith(f"expected a citation of {uncited}; it cites ")
    assert got["none"]["cite_ok"] is None and "expect_cite" not in got["none"]
    assert got["bad"]["status"] == "error" and "no clause 'no.such.clause' in thanet" in got["bad"]["reason"]
    assert got["other"]["status"] == "error" and "another protocol" in got["other"]["reason"]


def test_expect_cite_in_json_and_toml_and_bracketed_labels(cli, tmp_path: Path) -> None:
    view = ask_json(cli, "copy-correspondence", "thanet", {"how": "blind"})
    label = view["citations"][0]["label"]
    items = [
        {
            "id": "j",
            "council": "thanet",
            "scenario": "copy-correspondence",
            "answers": {"how": "blind"},
            "expect_cite": [label],
        },
        {
            "id": "k",
            "council": "thanet",
            "scenario": "copy-correspondence",
            "answers": {"how": "blind"},
            "expect_cite": "1.1 " + label,
        },
        {
            "id": "x",
            "council": "thanet",
            "scenario": "copy-correspondence",
            "answers": {"how": "blind"},
            "expect_cite": 5,
        },
    ]
    code, rows = check_rows(cli, tmp_path, "c.json", json.dumps(items))
    assert [(r["status"], r["cite_ok"]) for r in rows[:2]] == [("ok", True), ("ok", True)]
    assert rows[2]["status"] == "error" and "expect_cite must be clause labels" in rows[2]["reason"]
    toml = (
        '[[case]]\nid = "t"\ncouncil = "thanet"\nscenario = "copy-correspondence"\n'
        f'expect_cite = ["{label}"]\nanswers = {{ how = "blind" }}\n'
    )
    code, rows = check_rows(cli, tmp_path, "c.toml", toml)
    assert code == 0 and rows[0]["cite_ok"] is True
    # a label with a letter part may be written as printed, with brackets: 9.1.12(b1) is 9.1.12.b1
    view = ask_json(
        cli,
        "copy-correspondence",
        "thanet",
        {"how": "open", "who": "officer", "recipient": "member", "consent": "yes"},
    )
    lettered = next(c["label"] for c in view["citations"] if c["label"].count(".") == 3)
    bracketed = lettered.rsplit(".", 1)[0] + f"({lettered.rsplit('.', 1)[1]})"
    item = {
        "id": "b",
        "council": "thanet",
        "scenario": "copy-correspondence",
        "answers": view["answers"],
        "expect_cite": [bracketed],
    }
    code, rows = check_rows(cli, tmp_path, "b.json", json.dumps([item]))
    assert rows[0]["cite_ok"] is True, rows[0]


def test_check_output_with_expect_cite_round_trips(cli, tmp_path: Path) -> None:
    sid, pid, answers, (qid,) = find("differ")
    view = ask_json(cli, sid, pid, {**answers, qid: "unsure"})
    item = {
        "id": "r",
        "council": pid,
        "scenario": sid,
        "answers": {**answers, qid: "unsure"},
        "expect": "conditional",
        "expect_cite": [view["citations"][0]["id"]],
    }
    code, rows = check_rows(cli, tmp_path, "r.json", json.dumps([item]))
    assert code == 0
    again = tmp_path / "again.jsonl"
    again.write_text(json.dumps(rows[0]) + "\n")
    r = cli("check", str(again))
    assert r.code == 0, r.out


def test_check_audit_notes_record_branches(cli, tmp_path: Path) -> None:
    sid, pid, answers, (qid,) = find("differ")
    item = {"id": "a", "council": pid, "scenario": sid, "answers": {**answers, qid: "unsure"}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps([item]))
    assert cli("check", str(path), "--audit").code == 0
    note = latest_note(cli)
    assert note["outcome"]["verdict"] == "conditional" and note["outcome"]["depends_on"] == [qid]
    assert len(note["branches"]) >= 2 and "rule" not in note["outcome"]


# --- compare and audit --------------------------------------------------------------------------


def test_compare_tries_every_value_for_each_protocol(cli) -> None:
    sid, pid, answers, (qid,) = find("differ")
    view = cli("compare", sid, *answer_args(**{**answers, qid: "unsure"}), "-c", pid, "--json").json()
    (row,) = view["rows"]
    assert row["status"] == "answered" and row["verdict"] == "conditional" and row["depends_on"] == [qid]
    assert row["questions"][qid] == "not sure" and len(row["branches"]) >= 2
    text = cli("compare", sid, *answer_args(**{**answers, qid: "unsure"}), "-c", pid).out
    assert "~ not sure" in text and "It depends on" in text


def latest_note(cli) -> dict:
    folder = Path(cli("config", "get", "audit_dir").out.strip())
    return audit.read_note(audit.note_paths(folder)[-1][1])


def test_the_audit_note_records_the_unsure_answer_and_each_branch(cli) -> None:
    sid, pid, answers, (qid,) = find("differ")
    view = ask_json(cli, sid, pid, {**answers, qid: "unsure"}, "--audit")
    note = latest_note(cli)
    asked = {q["id"]: q for q in note["question"]}
    assert (asked[qid]["answer"], asked[qid]["label"]) == ("unsure", "I'm not sure")
    assert note["outcome"]["depends_on"] == [qid]
    assert [(b["answers"], b["verdict"], b["rule"], b["citations"]) for b in note["branches"]] == [
        (b["answers"], b["verdict"], b["rule"], [c["id"] for c in b["citations"]]) for b in view["branches"]
    ]
    assert cli("audit", "verify").code == 0
    shown = cli("audit", "show", note["id"]).out
    assert all(f"If {b['case']}: " in shown and f"({b['verdict']})" in shown for b in view["branches"])
    exported = cli("audit", "export", "--format", "markdown").out
    assert all(f"If {b['case']}: **{b['verdict']}**" in exported for b in view["branches"])


# --- at a terminal -------------------------------------------------------------------------------

THANET_COPY = ["-s", "copy-correspondence", "-c", "thanet", "-a", "who=officer", "-a", "recipient=member"]


def test_the_prompt_offers_im_not_sure_and_why_we_ask_says_where_it_leads() -> None:
    from test_ask_interactive import interview

    # how (open/blind): "Why we ask" (past 2 options and "I'm not sure"), then "I'm not sure"
    result = interview(DOWN * 3 + ENTER + DOWN * 2 + ENTER + ENTER, "ask", *THANET_COPY, "--json")
    assert result.exit_code == 0, result.output
    assert "  - I'm not sure: " in result.output
    view = json.loads(result.output[result.output.index("{\n") :])
    assert view["answers"]["how"] == "unsure" and view["depends_on"] == ["how"]


def test_choosing_im_not_sure_at_a_real_terminal_gives_the_branched_answer(tmp_path) -> None:
    child = spawn_in_terminal(tmp_path, "ask", *THANET_COPY, "-a", "consent=yes", "--no-audit")
    child.expect("open, or blind")
    child.expect("I'm not sure")
    child.send(DOWN * 2 + ENTER)  # past Open and Blind
    child.expect("CONDITIONAL")
    child.expect("It depends on the answer to")
    child.expect("What it turns on")
    child.expect("If Open")
    child.expect("If Blind")
    child.expect("10.2.1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_an_answer_given_that_rules_a_rule_out_is_used_not_asked_for(cli, tmp_path: Path) -> None:
    """The interview asks the first question of the first open rule; when that rule is already
    ruled out by an answer given for a later question, the answer is used and the question skipped."""
    for sid in LIB.catalogue.ids():
        for pid in LIB.protocol_ids():
            scenario, table, _ = LIB.table(sid, pid)
            for question in scenario.questions:
                for value in question.values:
                    given = {question.id: value}
                    rule = engine.decide(table, given)
                    if rule is not None and engine.path(scenario, table, given)[1] is None:
                        view = ask_json(cli, sid, pid, given)
                        assert view["rule"] == rule.number and view["asked"] == [question.id]
                        item = {"council": pid, "scenario": sid, "answers": given}
                        _, rows = check_rows(cli, tmp_path, "g.json", json.dumps([item]))
                        assert (rows[0]["status"], rows[0]["verdict"]) == ("ok", rule.outcome.verdict)
                        return
    pytest.skip("no table in the bundled data has such a case")
