"""`protocol compare`: the same facts under every protocol, side by side."""

from __future__ import annotations

import json

from conftest import PROTOCOL_IDS, answer_args

FACTS = answer_args(
    who="officer",
    how="open",
    recipient="member",
    subject="ward",
    channel="other",
    consent="no",
    on_list="no",
    meeting_reply="no",
    foi="no",
    confidential="no",
    asked_not_to_copy="no",
    other_reason="no",
)


def test_the_five_protocols_side_by_side(cli) -> None:
    r = cli("compare", "copy-correspondence", *FACTS)
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0] == "Copying or forwarding correspondence: the same facts under each protocol"
    assert lines[1].startswith("Answers: who=officer, recipient=member, how=open")
    table = {
        line.split()[0]: line.split()[1] for line in lines if line.split() and line.split()[0] in PROTOCOL_IDS
    }
    assert table == {
        "combined-authority": "not-allowed",
        "district-code": "required",
        "epsom-ewell": "not-allowed",
        "rutland": "not-allowed",
        "thanet": "not-allowed",
    }
    district = next(line for line in lines if line.startswith("district-code "))
    assert "You should copy it" in district


def test_json_rows_and_which_questions_each_protocol_used(cli) -> None:
    view = cli("compare", "copy-correspondence", *FACTS, "--json").json()
    rows = {row["protocol"]: row for row in view["rows"]}
    assert list(rows) == PROTOCOL_IDS
    assert rows["thanet"]["cite"] == ["thanet:9.1.12", "thanet:10.2.1"]
    assert rows["thanet"]["questions"]["on_list"] == "used"
    assert rows["district-code"]["questions"]["on_list"] == "not needed"
    assert rows["district-code"]["questions"]["subject"] == "used"
    assert all(row["status"] == "answered" for row in rows.values())


def test_missing_answers_are_listed_per_protocol(cli) -> None:
    facts = ("-a", "matter=attend", "-a", "pre_election=no", "-a", "campaign_use=no")
    facts += ("-a", "business=council")
    view = cli("compare", "group-meeting", *facts, "-a", "non_members=no", "--json").json()
    rows = {row["protocol"]: row for row in view["rows"]}
    assert rows["thanet"]["status"] == "incomplete" and rows["thanet"]["missing"] == ["chief_officer"]
    assert rows["rutland"]["missing"] == ["agreed"]
    assert rows["thanet"]["questions"]["chief_officer"] == "missing"
    assert rows["rutland"]["questions"]["chief_officer"] == "not yet"
    text = cli("compare", "group-meeting", *facts, "-a", "non_members=no").out
    thanet = next(line for line in text.splitlines() if line.startswith("thanet "))
    words = ["thanet", "needs", "answers", "Needs", "an", "answer", "to:", "chief_officer", "-"]
    assert thanet.split() == words


def test_routes_and_a_subset_of_councils(cli) -> None:
    view = cli(
        "compare",
        "complaint-route",
        "-a",
        "direction=officer-about-member",
        "-c",
        "thanet",
        "-c",
        "epsom-ewell",
        "--json",
    ).json()
    assert [r["protocol"] for r in view["rows"]] == ["thanet", "epsom-ewell"]
    assert view["rows"][0]["route"] == ["Monitoring Officer", "Chief Executive", "Standards Committee"]
    assert view["rows"][1]["route"] == ["Chief Executive"]


def test_at_a_terminal_each_needed_question_is_asked_once() -> None:
    from test_ask_interactive import DOWN, ENTER, interactive

    # group-meeting: matter (attend), pre_election (no), campaign_use (no, Rutland), business
    # (council), non_members (no) and chief_officer (yes) for Thanet, then agreed (yes), needed by
    # four protocols: each asked once
    keys = ENTER + DOWN + ENTER + DOWN + ENTER + ENTER + DOWN + ENTER + ENTER + ENTER
    result = interactive(keys, "compare", "group-meeting", "--json")
    assert result.exit_code == 0, result.output
    view = json.loads(result.output[result.output.index("{") :])
    assert view["answers"] == {
        "matter": "attend",
        "pre_election": "no",
        "campaign_use": "no",
        "business": "council",
        "non_members": "no",
        "chief_officer": "yes",
        "agreed": "yes",
    }
    assert all(r["status"] == "answered" for r in view["rows"])


def test_bad_input(cli) -> None:
    assert "No scenario 'copy'" in cli("compare", "copy").err
    assert "'maybe' is not an answer to 'who'" in cli("compare", "copy-correspondence", "-a", "who=maybe").err
    assert "No protocol 'thant'" in cli("compare", "copy-correspondence", "-c", "thant").err
