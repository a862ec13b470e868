"""`protocol data import` on the layouts councils publish: the layout corpus made from the five
seeds by tools/make_layouts.py (text, a web page, a Word file, a PDF), and the small cases that
used to go wrong, each run as the user runs it."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import PROTOCOL_IDS, ROOT, SEEDS, requires_seeds
from layout_measure import measure

sys.path.insert(0, str(ROOT / "tools"))
import make_layouts

FILES = [
    "plain.txt",
    "single-level.txt",
    "tabs.txt",
    "nbsp.txt",
    "number-alone.txt",
    "web-text.txt",
    "page.html",
    "pdf-text.txt",
    "protocol.docx",
    "protocol.pdf",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict]]:
    out = tmp_path_factory.mktemp("layouts")
    truth = {}
    for pid, seed in make_layouts.seeds().items():
        for name, t in make_layouts.make(out, pid, seed).items():
            truth[f"{pid}/{name}"] = t
    return out, truth


def imported(cli, source: Path, tmp_path: Path, *extra: str) -> tuple[dict, dict]:
    """Run `protocol data import SOURCE --id our-council -o FILE --json`; the file and the report."""
    target = tmp_path / "our-council.toml"
    result = cli(
        "data", "import", str(source), "--id", "our-council", "-o", str(target), "--force", "--json", *extra
    )
    assert result.code == 0, result.err
    return tomllib.loads(target.read_text(encoding="utf-8")), result.json()  # type: ignore[return-value]


@requires_seeds
@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("pid", PROTOCOL_IDS)
def test_every_layout_of_every_seed_imports_right(cli, corpus, tmp_path, pid: str, name: str) -> None:
    """Labels right >= 98%, source words kept >= 99.5%, no site or page furniture in the clauses."""
    folder, truth = corpus
    data, _ = imported(cli, folder / pid / name, tmp_path)
    figures = measure(data, truth[f"{pid}/{name}"])
    assert figures["labels"] >= 0.98, (figures["labels"], figures["wrong"][:5])
    assert figures["words"] >= 0.995, figures["words"]
    assert figures["furniture"] == []


@requires_seeds
@pytest.mark.parametrize("pid", PROTOCOL_IDS)
def test_each_seed_imports_through_the_command(cli, tmp_path, pid: str) -> None:
    seed = make_layouts.seeds()[pid]
    data, report = imported(cli, seed, tmp_path)
    assert report["clauses"] == len(data["clause"]) > 50
    assert not data["protocol"]["council"].startswith("Council not named")


def test_the_measure_can_fail() -> None:
    """(The corpus figures are not vacuous: a wrong label, a lost word and furniture all show.)"""
    truth = {
        "title": ["A Protocol"],
        "headings": ["Purpose"],
        "clauses": [{"label": "1.1", "text": "Members must be courteous."}],
        "furniture": ["Skip to main content"],
    }
    data = {
        "protocol": {"title": "A Protocol"},
        "section": [{"label": "1", "title": "Purpose"}],
        "clause": [{"label": "1.2", "text": "Skip to main content Members must be."}],
    }
    figures = measure(data, truth)
    assert (
        figures["labels"] == 0 and figures["words"] < 1 and figures["furniture"] == ["Skip to main content"]
    )


# --- the kinds of input that used to go wrong ------------------------------------------------

CASES = {
    "a first line that is a numbered paragraph": (
        "1.1 The purpose of this protocol is to guide members and officers.\n"
        "1.2 Members must be courteous.\n",
        ["1.1", "1.2"],
    ),
    "a preamble before 1. Introduction": (
        "Our Protocol\n\nThis protocol sets out how members and officers work.\n\n1. Introduction\n\n"
        "1.1 Members must be courteous.\n",
        ["0.p1", "1.1"],
    ),
    "non-breaking spaces after the numbers": (
        "Our Protocol\n\n1.\u00a0Introduction\n\n"
        "1.1\u00a0Members must be courteous.\n1.2\u00a0Officers must be neutral.\n",
        ["1.1", "1.2"],
    ),
    "a continuation line": (
        "Our Protocol\n\n1. Introduction\n\n1.1 Members must reply to officers within\n10 working days.\n"
        "1.2 Officers must be neutral.\n",
        ["1.1", "1.2"],
    ),
    "a tab after the number": (
        "Our Protocol\n\n1.\tIntroduction\n\n1.1\tThe purpose of this protocol is to guide.\n"
        "1.2\tOfficers must be neutral.\n",
        ["1.1", "1.2"],
    ),
    "single-level numbering": (
        "Our Protocol\n\nIntroduction\n\n1. The purpose of this protocol is to guide members.\n"
        "2. Given the variety of relations, it is not comprehensive.\n",
        ["1", "2"],
    ),
    "a number alone on its line": (
        "Our Protocol\n\n1. Introduction\n\n"
        "1.1\n\nMembers must be courteous.\n\n1.2\n\nOfficers must be neutral.\n",
        ["1.1", "1.2"],
    ),
    "two numbered paragraphs on one line": (
        "Our Protocol\n\n1. Introduction\n\n1.1 Members must be courteous.\n"
        "1.2 This protocol applies to all. 1.3 The Protocol must be followed.\n",
        ["1.1", "1.2", "1.3"],
    ),
    "a date line": (
        "Our Protocol\n\n4 January 2022\n\n1. Introduction\n\n1.1 Members must be courteous.\n",
        ["1.1"],
    ),
    "bullets and items without a dash": (
        "Our Protocol\n\n1. Introduction\n\n1.1 Members must:\n• be courteous;\n• be fair.\n"
        "1.2 Officers must:\n(a) be neutral;\n(b) be fair;\n(i) always;\n(1) really.\n",
        ["1.1", "1.1.b1", "1.1.b2", "1.2", "1.2(a)", "1.2(b)", "1.2(i)", "1.2(1)"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_kind_of_layout_gives_the_printed_labels(cli, tmp_path, case: str) -> None:
    text, labels = CASES[case]
    source = tmp_path / "protocol.txt"
    source.write_text(text, encoding="utf-8")
    data, _ = imported(cli, source, tmp_path)
    assert [c["label"] for c in data["clause"]] == labels


def test_a_date_is_the_protocols_date_not_a_section(cli, tmp_path) -> None:
    source = tmp_path / "protocol.txt"
    source.write_text(CASES["a date line"][0], encoding="utf-8")
    data, _ = imported(cli, source, tmp_path)
    assert [s["label"] for s in data["section"]] == ["1"] and data["protocol"]["date"] == "4 January 2022"


def test_web_furniture_is_left_out_and_reported_with_its_line(cli, tmp_path) -> None:
    source = tmp_path / "page.txt"
    source.write_text(
        "Skip to content\nHome > Council > Constitution\nOur Protocol\n\n1. Introduction\n\n"
        "1.1 Members must be courteous.\n\nLast updated: 4 May 2023\n"
        "Help us improve this page\nIn this section:\n",
        encoding="utf-8",
    )
    data, report = imported(cli, source, tmp_path)
    assert data["protocol"]["title"] == "Our Protocol"
    assert [c["text"] for c in data["clause"]] == ["Members must be courteous."]
    assert [(x["line"], x["why"]) for x in report["left_out"]] == [
        (1, "web page furniture"),
        (2, "web page furniture"),
        (9, "web page furniture"),
        (10, "web page furniture"),
        (11, "web page furniture"),
    ]


def test_a_definition_is_marked_definition(cli, tmp_path) -> None:
    source = tmp_path / "protocol.txt"
    source.write_text(
        "Our Protocol\n\n1. Introduction\n\n1.1 Employees of the Council are referred to as 'Officers'.\n"
        "1.2 Officers must be neutral.\n",
        encoding="utf-8",
    )
    data, _ = imported(cli, source, tmp_path)
    assert [c["kind"] for c in data["clause"]] == ["definition", "rule"]


def test_the_places_to_check_are_reported_with_their_lines(cli, tmp_path) -> None:
    source = tmp_path / "protocol.txt"
    source.write_text(
        "Our Protocol\n\n1. Introduction\n"
        "\n1.1 Members must be courteous.\n\n1.3 Officers must be neutral.\n\n"
        "2. Conduct\n\n2.1 Members must be fair.\n\n1.1 Officers must be kind.\n",
        encoding="utf-8",
    )
    _, report = imported(cli, source, tmp_path)
    assert [(x["line"], x["message"]) for x in report["checks"]] == [
        (7, "1.3 follows 1.1 — is 1.2 missing?"),
        (13, "label sequence restarts: 1.1 follows 2.1"),
    ]


def test_a_paragraph_split_across_a_page_break_is_joined_and_reported(cli, tmp_path) -> None:
    body = [
        f"1.{n} Members and officers must work together in every way the Council expects."
        for n in range(1, 9)
    ]
    lines = [
        "Our Protocol",
        "",
        "1. Introduction",
        "",
        *body[:4],
        "1.5 Members must treat officers with",
        "",
        "Our Protocol - Our Town Council",
        "Page 1 of 3",
        "",
        "respect at all times.",
        *body[5:],
    ]
    lines += [
        "",
        "Our Protocol - Our Town Council",
        "Page 2 of 3",
        "",
        "Our Protocol - Our Town Council",
        "Page 3 of 3",
    ]
    source = tmp_path / "protocol.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data, report = imported(cli, source, tmp_path)
    texts = {c["label"]: c["text"] for c in data["clause"]}
    assert texts["1.5"] == "Members must treat officers with respect at all times."
    assert {
        "line": 14,
        "label": "",
        "message": "paragraph split across a page break: check the join",
    } in report["checks"]
    assert not any("Page" in t for t in texts.values())


def test_the_council_is_found_in_the_text_or_named_from_the_id(cli, tmp_path) -> None:
    source = tmp_path / "protocol.txt"
    source.write_text("Our Protocol\n\n1. Introduction\n\n1.1 Members must be courteous.\n", encoding="utf-8")
    data, report = imported(cli, source, tmp_path)
    assert data["protocol"]["council"] == "Our Council"
    assert any("give the name with --council" in note for note in report["notes"])


def test_a_single_level_text_is_not_refused_and_no_numbers_still_is(cli, tmp_path) -> None:
    source = tmp_path / "protocol.txt"
    source.write_text("Just some words.\nAnd more.\n", encoding="utf-8")
    result = cli("data", "import", str(source), "--id", "ours")
    assert result.code == 2 and "numbered like 1., 2., 3. or 1.1, 1.2" in result.err


def test_a_docx_with_words_automatic_numbering_keeps_its_numbers(cli, tmp_path) -> None:
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("Our Protocol")
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/>'
            '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )

    numbered("Introduction", 0)
    numbered("Members must be courteous to officers.", 1)
    numbered("Officers must:", 1)
    numbered("be neutral;", 2)
    numbered("be fair.", 2)
    numbered("Conduct", 0)
    numbered("Members must not bully officers.", 1)
    source = tmp_path / "protocol.docx"
    document.save(str(source))
    data, _ = imported(cli, source, tmp_path)
    assert [c["label"] for c in data["clause"]] == ["1.1", "1.2", "1.2(a)", "1.2(b)", "2.1"]


def test_without_the_documents_extra_a_pdf_is_one_clear_line(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)  # (as if it were not installed)
    source = tmp_path / "protocol.pdf"
    source.write_bytes(b"%PDF-1.4\n%...\n")
    result = cli("data", "import", str(source), "--id", "ours")
    assert result.code == 2
    assert result.err.strip() == (
        "Error: reading a PDF needs the 'documents' extra: pip install 'protocol-cli[documents]'"
    )


def test_a_broken_pdf_is_one_clear_line(cli, tmp_path) -> None:
    pytest.importorskip("pypdf")
    source = tmp_path / "protocol.pdf"
    source.write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    result = cli("data", "import", str(source), "--id", "ours")
    assert result.code == 2 and result.err.startswith(f"Error: cannot read {source} as a PDF")
    assert len(result.err.strip().splitlines()) == 1


def test_the_corpus_tool_writes_its_files_and_truth(tmp_path) -> None:
    if not SEEDS.is_dir():
        pytest.skip("needs the seeds")
    written = make_layouts.make(tmp_path, "thanet", make_layouts.seeds()["thanet"], ("plain", "web-text"))
    assert sorted(written) == ["plain.txt", "web-text.txt"]
    assert (
        (tmp_path / "thanet" / "web-text.txt")
        .read_text(encoding="utf-8")
        .startswith("Skip to main content\n")
    )
    json.dumps(written)  # (truth.json is written from these)
