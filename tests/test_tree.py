"""`protocol tree`: the decision logic as a tree, true to the engine, in text, Mermaid and dot."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import PROTOCOL_IDS

from protocol_cli.deciding import engine
from protocol_cli.sources.library import Library, bundled_data_root

LIB = Library(bundled_data_root())
TABLES = [(sid, pid) for sid in LIB.catalogue.ids() for pid in PROTOCOL_IDS]


def leaves(node: engine.DecisionNode, known: dict[str, str]):
    """(answers on the way, rule) for each leaf, taking every answer of every branch."""
    if node.question is None:
        yield known, node.rule
        return
    for branch in node.branches:
        for value in branch.values:
            yield from leaves(branch.node, {**known, node.question.id: value})


@pytest.mark.parametrize(("sid", "pid"), TABLES)
def test_every_leaf_is_what_the_engine_decides_and_every_rule_is_a_leaf(sid: str, pid: str) -> None:
    scenario, table, _ = LIB.table(sid, pid)
    seen = set()
    for known, rule in leaves(engine.decision_tree(scenario, table), {}):
        assert rule is not None and engine.decide(table, known) is rule
        assert engine.path(scenario, table, known) == (list(known), rule)  # asked in the tree's order
        seen.add(rule.number)
    assert seen == {r.number for r in table.rules}


def test_answers_leading_to_the_same_place_share_a_branch() -> None:
    scenario, table, _ = LIB.table("copy-correspondence", "thanet")
    root = engine.decision_tree(scenario, table)
    assert root.question is not None and root.question.id == "how"
    blind = next(b for b in root.branches if "blind" in b.values)
    assert blind.node.rule is not None and blind.node.rule.outcome.verdict == "not-allowed"


# --- the command ----------------------------------------------------------------------------


@pytest.mark.parametrize("pid", PROTOCOL_IDS)
def test_text_shows_every_outcome(cli, monkeypatch, pid: str) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # (one line each: at 80 columns long lines wrap)
    result = cli("tree", "copy-correspondence", "-c", pid)
    assert result.code == 0, result.err
    view = cli("tree", "copy-correspondence", "-c", pid, "--json").json()
    outcomes = []

    def walk(node: dict) -> None:
        if "question" in node:
            assert f"? {node['question']['prompt']}" in result.out
            for b in node["branches"]:
                walk(b["node"])
        else:
            outcomes.append(f"{node['verdict'].upper()} ({', '.join(node['cite'])})")

    walk(view["root"])
    assert all(o in result.out for o in outcomes)


@pytest.mark.parametrize("pid", PROTOCOL_IDS)
def test_mermaid_is_a_well_formed_flowchart(cli, pid: str) -> None:
    text = cli("tree", "copy-correspondence", "-c", pid, "--format", "mermaid").out
    lines = text.splitlines()
    assert lines[:2] == ["---", f"title: Copying or forwarding correspondence ({pid})"]
    assert lines[3] == "flowchart TD"
    nodes = re.findall(r"^    (n\d+)(?:\{\{\"[^\"]*\"\}\}|\[\"[^\"]*\"\]:::\w+)$", text, re.M)
    edges = re.findall(r"^    (n\d+) -->\|\"[^\"]*\"\| (n\d+)$", text, re.M)
    assert len(nodes) == len(set(nodes)) and len(edges) == len(nodes) - 1  # a tree
    assert {a for a, _ in edges} | {b for _, b in edges} <= set(nodes)
    defined = set()
    for line in lines[4:]:
        if m := re.match(r"^    (n\d+)[\[{]", line):
            defined.add(m.group(1))
        elif m := re.match(r"^    (n\d+) -->\|.*\| (n\d+)$", line):
            assert m.group(1) in defined  # parents are drawn before their children
        else:
            assert line.startswith("    classDef "), line


@pytest.mark.parametrize("pid", PROTOCOL_IDS)
def test_dot_renders_with_graphviz(cli, pid: str, tmp_path) -> None:
    text = cli("tree", "copy-correspondence", "-c", pid, "-f", "dot").out
    assert text.startswith("digraph decision {") and text.rstrip().endswith("}")
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed (CI installs it)")
    rendered = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, check=False)
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.stderr == "" and "<svg" in rendered.stdout


def test_output_to_a_file(cli, tmp_path) -> None:
    target = tmp_path / "tree.mmd"
    result = cli("tree", "group-meeting", "-c", "rutland", "-f", "mermaid", "-o", str(target))
    assert result.code == 0 and result.out == "" and result.err == f"Wrote {target}\n"
    assert (
        target.read_text(encoding="utf-8")
        == cli("tree", "group-meeting", "-c", "rutland", "-f", "mermaid").out
    )


def test_text_to_a_file_is_plain(cli, tmp_path) -> None:
    target = tmp_path / "tree.txt"
    assert cli("tree", "group-meeting", "-c", "rutland", "-o", str(target)).code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("An officer at a political group meeting: rutland") and "\x1b" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["tree", "group-meeting", "-c", "rutland", "-o", "/nonexistent/x.mmd"],
            "the folder /nonexistent does not exist",
        ),
        (["tree", "group-meeting", "-c", "nowhere"], "No protocol 'nowhere'. Choose one of"),
        (["tree", "group-meeting"], "which council?"),
    ],
)
def test_bad_input_is_one_clear_line(cli, args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and message in result.err
