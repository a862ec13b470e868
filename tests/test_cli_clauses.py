"""`protocol councils` and `protocol clauses list|show|search`, through the real entry point."""

from __future__ import annotations

import re

import pytest
from conftest import PROTOCOL_IDS

from protocol_cli.sources import library
from protocol_cli.sources.library import Library


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# --- councils --------------------------------------------------------------------------------


def test_councils_table(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # (one line a council: at 80 columns the names wrap)
    r = cli("councils")
    assert r.code == 0, r.err
    assert r.out.splitlines()[0] == "Protocols"
    assert r.out.splitlines()[1].split() == ["ID", "COUNCIL", "DOCUMENT", "DATE", "CLAUSES"]
    for pid in PROTOCOL_IDS:
        assert pid in r.out
    assert "Thanet District Council" in r.out and "2016-02-25" in r.out


def test_councils_json(cli) -> None:
    rows = cli("councils", "--json").json()
    assert [r["id"] for r in rows] == PROTOCOL_IDS
    thanet = rows[PROTOCOL_IDS.index("thanet")]
    assert thanet["council"] == "Thanet District Council"
    assert thanet["date"] == "2016-02-25"
    assert thanet["clauses"] == len(Library(library.bundled_data_root()).protocol("thanet").clauses)
    assert thanet["roles"]["monitoring_officer"] == "Monitoring Officer"
    assert re.fullmatch(r"[0-9a-f]{12}", thanet["data_version"])
    assert rows[0]["council"] == "A mayoral combined authority" and rows[0]["date"] is None


# --- show ------------------------------------------------------------------------------------

THANET_9_1_12 = (
    "An Officer should not copy correspondence which they have had with a Member to any other Member unless:"
)


def test_show_prints_the_clause_word_for_word(cli) -> None:
    r = cli("clauses", "show", "thanet:9.1.12")
    assert r.code == 0, r.err
    assert "Thanet District Council" in r.out
    assert "9.1 Members' enquiries and access to Officers" in r.out
    assert THANET_9_1_12 in squash(r.out)
    # the exceptions that belong to it are shown with it
    assert "That Member agrees; or" in r.out and "9.1.12.b1" in r.out


@pytest.mark.parametrize(
    "args",
    [
        ("thanet:9.1.12",),
        ("thanet", "9.1.12"),
        ("thanet:9.1.12.",),
        (" thanet : 9.1.12 ",),
    ],
)
def test_show_accepts_either_form(cli, args) -> None:
    assert cli("clauses", "show", *args, "--json").json()["clause"]["id"] == "thanet:9.1.12"


def test_show_item_by_dotted_label_and_with_its_paragraph(cli) -> None:
    view = cli("clauses", "show", "combined-authority:9.4.e", "--json").json()
    assert view["clause"]["label"] == "9.4(e)"
    assert view["parent"]["label"] == "9.4"
    assert view["clause"]["text"].startswith(
        "Officers should not be asked for, or give advice or comments on political"
    )
    plain = cli("clauses", "show", "combined-authority:9.4(e)").out
    assert "part of 9.4: Where officers do attend political group meetings" in squash(plain)


def test_show_a_section(cli) -> None:
    view = cli("clauses", "show", "thanet:10.2", "--json").json()
    assert view["type"] == "section"
    assert view["section"]["heading"] == "10.2 Correspondence"
    assert [c["label"] for c in view["clauses"]] == [f"10.2.{n}" for n in range(1, 7)]


def test_show_notes_a_corrected_label(cli) -> None:
    out = cli("clauses", "show", "epsom-ewell:3.5").out
    assert "(printed as 3.3.5)" in out


def test_show_json_shape(cli) -> None:
    view = cli("clauses", "show", "thanet:10.2.1", "--json").json()
    clause = view["clause"]
    assert {"id", "protocol", "label", "heading", "section", "kind", "text"} <= set(clause)
    assert view["protocol"] == {
        "id": "thanet",
        "council": "Thanet District Council",
        "title": "Protocol on Member/Officer Relations",
    }
    assert 'there should be no "blind" copies' in clause["text"]


def test_show_plain_has_no_box_drawing_even_on_a_rich_terminal(cli, monkeypatch) -> None:
    monkeypatch.setenv("PROTOCOL_TERMINAL", "rich")
    out = cli("clauses", "show", "thanet:9.1.12", "--plain").out
    assert not set("╭╮╰╯│─") & set(out)
    assert "\x1b[" not in out


def test_show_drawn_with_rich_keeps_the_words_at_80_columns(cli, monkeypatch) -> None:
    monkeypatch.setenv("PROTOCOL_TERMINAL", "rich")
    out = cli("clauses", "show", "thanet:9.1.12").out
    assert "╭" in out
    assert all(len(line) <= 80 for line in re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines())
    words = re.sub(r"\x1b\[[0-9;]*m|[│╭╮╰╯─]", " ", out)
    assert THANET_9_1_12 in squash(words)


# --- list ------------------------------------------------------------------------------------


def test_list_all_then_filter_by_section_and_kind(cli) -> None:
    everything = cli("clauses", "list", "thanet", "--json").json()
    assert everything["count"] == len(everything["clauses"]) > 200
    section = cli("clauses", "list", "thanet", "--section", "9.1", "--json").json()
    labels = [c["label"] for c in section["clauses"]]
    assert labels[0] == "9.1.1" and "9.1.12.p1" in labels and all(lbl.startswith("9.1.") for lbl in labels)
    rules = cli("clauses", "list", "thanet", "-s", "9.1", "--kind", "rule", "--json").json()
    assert 0 < rules["count"] < section["count"]
    assert {c["kind"] for c in rules["clauses"]} == {"rule"}
    assert rules["filters"] == {"section": "9.1", "kind": "rule"}


def test_list_a_whole_top_level_section(cli) -> None:
    # Thanet prints its sections as 9.0; "9" is what people type
    labels = [c["label"] for c in cli("clauses", "list", "thanet", "-s", "9", "--json").json()["clauses"]]
    assert labels[0] == "9.1.1" and labels[-1].startswith("9.4.3")
    ca = [
        c["label"]
        for c in cli("clauses", "list", "combined-authority", "-s", "11", "--json").json()["clauses"]
    ]
    assert ca == ["11.1", "11.2", "11.3", "11.4"]


def test_list_table(cli) -> None:
    r = cli("clauses", "list", "rutland", "--section", "13")
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0] == "Rutland County Council — Protocol for Member and Officer Relations"
    assert lines[1].split() == ["LABEL", "KIND", "TEXT"]
    assert all(len(line) <= 80 for line in lines)
    assert any(line.startswith("13.1.b1 ") for line in lines)


# --- search ----------------------------------------------------------------------------------


def test_search_blind_copies_finds_the_three_protocols_that_say_so(cli) -> None:
    r = cli("clauses", "search", "blind copies", "--protocol", "all", "--json")
    assert r.code == 0
    ids = [hit["id"] for hit in r.json()["results"]]
    assert set(ids) == {"district-code:13.2", "thanet:10.2.1", "epsom-ewell:5.11"}


def test_search_phrase_with_quotes_and_highlights(cli) -> None:
    view = cli("clauses", "search", '"blind copies"', "--json").json()
    assert view["all_words"] is True
    for hit in view["results"]:
        marked = [hit["text"][a:b].lower() for a, b in hit["matches"]]
        assert any(m.startswith("blind") for m in marked), marked


def test_search_matches_other_forms_of_a_word(cli) -> None:
    view = cli("clauses", "search", "forwarding", "-p", "epsom-ewell", "--json").json()
    ids = [h["id"] for h in view["results"]]
    assert "epsom-ewell:5.14" in ids  # "should never forward officer correspondence"
    hit = view["results"][ids.index("epsom-ewell:5.14")]
    assert [hit["text"][a:b] for a, b in hit["matches"]] == ["forward"] * 3


def test_search_ranks_and_limits(cli) -> None:
    view = cli("clauses", "search", "copy", "correspondence", "--limit", "2", "--json").json()
    assert view["shown"] == 2 and view["count"] > 2
    scores = [h["score"] for h in view["results"]]
    assert scores == sorted(scores, reverse=True)
    text = cli("clauses", "search", "copy", "correspondence", "--limit", "2").out
    assert "more; show them with --limit 0" in text


def test_search_one_protocol(cli) -> None:
    view = cli("clauses", "search", "political", "group", "-p", "rutland", "--json").json()
    assert view["protocols"] == ["rutland"]
    assert view["results"] and all(h["protocol"] == "rutland" for h in view["results"])


def test_search_with_no_match_is_not_an_error(cli) -> None:
    r = cli("clauses", "search", "zebra crossing")
    assert r.code == 0
    assert r.out.strip().startswith("No clause matches 'zebra crossing'")
    assert cli("clauses", "search", "zebra", "--json").json()["results"] == []


def test_search_falls_back_to_some_of_the_words(cli) -> None:
    view = cli("clauses", "search", "blind", "zebra", "--json").json()
    assert view["all_words"] is False and view["results"]


def test_search_drawn_with_rich_highlights(cli, monkeypatch) -> None:
    monkeypatch.setenv("PROTOCOL_TERMINAL", "rich")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    out = cli("clauses", "search", "blind copies").out
    assert re.search(r"\x1b\[[0-9;]*4[0-9;]*m\"?blind", out)  # underlined (and coloured)


# --- bad input: one line, exit 2, no traceback --------------------------------------------------

BAD = [
    (("clauses", "show", "thant:9.1.12"), "No protocol 'thant'. Did you mean: thanet"),
    (("clauses", "show", "thanet:9.1.13"), "No clause '9.1.13' in thanet. Did you mean: thanet:9.1.3"),
    (("clauses", "show", "thanet"), "write it as PROTOCOL:LABEL"),
    (("clauses", "list", "nowhere"), "No protocol 'nowhere'. Choose one of: combined-authority"),
    (("clauses", "list", "thanet", "--kind", "law"), "Invalid value for '--kind'"),
    (("clauses", "list", "thanet", "--section", "99"), "No section or paragraph '99' in thanet"),
    (("clauses", "search", "the"), "nothing to search for"),
    (("clauses", "search", "copy", "-p", "thanett"), "No protocol 'thanett'. Did you mean: thanet"),
    (("clauses", "search", "copy", "--limit", "-1"), "Invalid value for '--limit'"),
    (("clauses", "frobnicate"), "No such command 'frobnicate'"),
    (("councils", "--xml"), "No such option: --xml"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_gets_one_clear_line(cli, args, message) -> None:
    r = cli(*args)
    assert r.code == 2
    assert r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("Error: ")
    assert message in lines[0]
    assert "Traceback" not in r.err


def test_a_broken_data_file_is_reported_by_the_cli(cli, tmp_path) -> None:
    (tmp_path / "clauses").mkdir()
    good = (library.bundled_data_root() / "clauses" / "rutland.toml").read_text(encoding="utf-8")
    (tmp_path / "clauses" / "rutland.toml").write_text(good.replace('kind = "rule"', 'kind = "rul"', 1))
    library.use_library(Library(tmp_path))
    r = cli("clauses", "show", "rutland:3.4")
    assert r.code == 2
    assert re.fullmatch(
        r"Error: .*rutland\.toml, line \d+: clause \d+ \([^)]+\): kind 'rul' is not one of .*\n", r.err
    )


def test_an_unexpected_error_is_one_line_unless_debugging(cli, monkeypatch) -> None:
    def boom(*_a, **_k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(library.Library, "protocol_ids", boom)
    r = cli("councils")
    assert r.code == 70
    assert r.err.count("\n") == 1 and "disk on fire" in r.err and "--debug" in r.err
    with pytest.raises(RuntimeError):
        cli("--debug", "councils")


def test_version(cli) -> None:
    from protocol_cli import __version__

    assert cli("--version").out.startswith(f"protocol {__version__}\ndata ")
    assert cli("--debug", "--version").out == cli("--version").out


def test_no_arguments_shows_help(cli) -> None:
    r = cli()
    assert r.code == 0
    assert "Usage: protocol" in r.out and "councils" in r.out and "clauses" in r.out
