"""Loading clause data: what the bundled data holds, and how a broken file is reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DATA, PROTOCOL_IDS

from protocol_cli.base.errors import DataError, NotFound
from protocol_cli.deciding.model import KINDS, label_key
from protocol_cli.sources.library import Library, bundled_data_root, load_protocol

GOOD = (DATA / "clauses" / "thanet.toml").read_text(encoding="utf-8")


def test_bundled_data_is_found_from_the_checkout() -> None:
    assert bundled_data_root() == DATA


def test_the_five_protocols_are_bundled() -> None:
    assert Library(DATA).protocol_ids() == PROTOCOL_IDS


@pytest.mark.parametrize("protocol_id", PROTOCOL_IDS)
def test_each_protocol_loads_with_metadata_and_roles(protocol_id: str) -> None:
    p = Library(DATA).protocol(protocol_id)
    assert p.council and p.title and p.seed_file.endswith(".txt") and len(p.seed_sha256) == 64
    assert len(p.clauses) > 50
    # the roles every answer needs, in this protocol's own words
    assert {"monitoring_officer", "head_of_paid_service"} <= set(p.roles)
    for role in p.roles.values():
        assert p.clause(role.cite) is not None
        assert role.name.lower() in " ".join(c.text.lower() for c in p.clauses), role


def test_roles_are_named_as_each_protocol_names_them() -> None:
    lib = Library(DATA)
    assert (
        lib.protocol("rutland").roles["monitoring_officer"].name == "Strategic Director for Law & Governance"
    )
    assert lib.protocol("combined-authority").roles["head_of_paid_service"].name == "Head of Paid Service"
    assert lib.protocol("thanet").roles["head_of_paid_service"].name == "Chief Executive"
    assert lib.protocol("epsom-ewell").roles["group_leader"].name == "Group Chair / Leader"


@pytest.mark.parametrize("protocol_id", PROTOCOL_IDS)
def test_every_clause_is_found_by_its_label_in_either_spelling(protocol_id: str) -> None:
    p = Library(DATA).protocol(protocol_id)
    for clause in p.clauses:
        assert clause.kind in KINDS
        assert p.clause(clause.label) is clause
        assert p.clause(clause.label.replace("(", ".").replace(")", "")) is clause


def test_label_spellings() -> None:
    assert label_key("9.4(e)") == label_key("9.4.e") == label_key("9.4e") == label_key("9.4(E)") == "9.4.e"
    assert label_key("5.4(xv)") == "5.4.xv"
    assert label_key("1.11") != label_key("11.1")


def test_corrections_are_recorded_in_the_data() -> None:
    lib = Library(DATA)
    ee = lib.protocol("epsom-ewell")
    assert ee.clause("3.5").printed_label == "3.3.5"
    assert ee.clause("5.4(xv)").printed_label == "5.4(xiv)(xv)"
    assert "[s/hethey](#)" in [c.printed for c in ee.clause("1.9").corrections]
    assert "they should contact" in ee.clause("1.9").text
    assert "~~" not in " ".join(c.text for c in ee.clauses)


def test_the_design_examples_exist() -> None:
    lib = Library(DATA)
    assert (
        lib.protocol("thanet").clause("9.1.12").text.startswith("An Officer should not copy correspondence")
    )
    assert lib.protocol("combined-authority").clause("11.3").section == "11"
    assert (
        lib.protocol("district-code").clause("13.3").text.startswith("Where a local member raises an issue")
    )
    assert lib.protocol("thanet").clause("10.2.1").kind == "rule"


def test_only_the_protocol_asked_about_is_parsed() -> None:
    lib = Library(DATA)
    lib.clause("thanet:9.1.12")
    assert list(lib._protocols) == ["thanet"]
    lib.protocol_ids()
    assert list(lib._protocols) == ["thanet"]


def test_unknown_ids_name_the_nearest() -> None:
    lib = Library(DATA)
    with pytest.raises(NotFound, match=r"No protocol 'thant'\. Did you mean: thanet"):
        lib.protocol("thant")
    with pytest.raises(NotFound, match=r"No clause '9\.1\.13' in thanet\. Did you mean: .*thanet:9\.1\.3"):
        lib.clause("thanet:9.1.13")


# --- broken files: each problem is reported with the file and the line ----------------------


def broken(tmp_path: Path, text: str, name: str = "thanet") -> Path:
    folder = tmp_path / "clauses"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


CASES = [
    ("not TOML", lambda t: t.replace('kind = "rule"', 'kind = "rule', 1), "is not valid TOML"),
    ("unknown kind", lambda t: t.replace('kind = "rule"', 'kind = "law"', 1), "kind 'law' is not one of"),
    (
        "missing text",
        lambda t: re.sub(r'(label = "9\.1\.12"\n(?:.*\n)*?)text = .*\n', r"\1", t, count=1),
        "has no 'text'",
    ),
    ("duplicate label", lambda t: t.replace('label = "9.1.11"', 'label = "9.1.12"', 1), "already used"),
    (
        "unknown section",
        lambda t: t.replace('section = "9.1"', 'section = "9.9"', 1),
        "unknown section '9.9'",
    ),
    ("unknown key", lambda t: t.replace('kind = "rule"', 'kind = "rule"\ntxt = "x"', 1), "unknown key 'txt'"),
    ("bad label", lambda t: t.replace('label = "9.1.12"', 'label = "9.1.12 bis"', 1), "is not a valid label"),
    (
        "unknown role cite",
        lambda t: t.replace('cite = "8.1.5"', 'cite = "99.9"', 1),
        "cites unknown clause '99.9'",
    ),
]


@pytest.mark.parametrize(("name", "mutate", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_broken_file_is_reported_with_file_and_line(
    tmp_path: Path, name: str, mutate, message: str
) -> None:
    text = mutate(GOOD)
    assert text != GOOD
    path = broken(tmp_path, text)
    with pytest.raises(DataError) as info:
        load_protocol(path)
    err = info.value
    assert message in err.message
    assert str(path) in err.message
    assert err.line is not None and f"line {err.line}" in err.message
    assert 1 <= err.line <= text.count("\n") + 1


def test_the_line_points_at_the_broken_clause(tmp_path: Path) -> None:
    text = GOOD.replace(
        'label = "9.1.12"\nsection = "9.1"\nkind = "rule"', 'label = "9.1.12"\nsection = "9.1"\nkind = "law"'
    )
    path = broken(tmp_path, text)
    with pytest.raises(DataError) as info:
        load_protocol(path)
    header = text[: text.index('label = "9.1.12"')].rstrip().count("\n") + 1
    assert info.value.line == header
    assert text.splitlines()[header - 1] == "[[clause]]"


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "clauses" / "thanet.toml"
    path.parent.mkdir()
    path.write_bytes(GOOD.encode()[:500] + b"\n\xff\xfe oops\n")
    with pytest.raises(DataError, match=r"line \d+: is not UTF-8"):
        load_protocol(path)


def test_a_file_whose_id_does_not_match_its_name(tmp_path: Path) -> None:
    path = broken(tmp_path, GOOD, name="thanet-copy")
    with pytest.raises(DataError, match="must match the file name"):
        load_protocol(path)


def test_a_missing_data_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="clause data folder is missing"):
        Library(tmp_path / "nowhere").protocol_ids()
