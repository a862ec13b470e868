"""`protocol check`: every input format, output format and status; streaming; bad rows; round trip."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from protocol_cli.sources.batch_input import Row, Source, read_csv
from protocol_cli.storage import audit

HEADER = "id,council,scenario,expect,who,how,recipient,consent,direction\n"
GOOD = [
    "r1,thanet,copy-correspondence,allowed,officer,open,member,yes,",
    "r2,epsom-ewell,copy-correspondence,not-allowed,officer,open,member,no,",
    "r3,rutland,complaint-route,refer,,,,,officer-about-member",
]
MISMATCH = "r4,epsom-ewell,copy-correspondence,allowed,officer,open,member,no,"
INCOMPLETE = "r5,thanet,copy-correspondence,,officer,,,,"
ERRORS = [
    "r6,thant,copy-correspondence,,officer,,,,",
    "r7,thanet,copy-correspondence,,boss,open,,,",
    "r8,thanet,copy-correspondence,perhaps,officer,blind,,,",
    "r9,thanet,no-such-scenario,,,,,,",
]


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def results(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_csv_with_every_status(cli, tmp_path) -> None:
    path = write(tmp_path, "cases.csv", HEADER + "\n".join([*GOOD, MISMATCH, INCOMPLETE, *ERRORS]) + "\n")
    r = cli("check", str(path))
    assert r.code == 1
    rows = results(r.out)
    assert [x["status"] for x in rows] == [
        "ok",
        "ok",
        "ok",
        "mismatch",
        "incomplete",
        "error",
        "error",
        "error",
        "error",
    ]
    assert rows[0]["cite"] == ["thanet:9.1.12.b1", "thanet:9.1.12", "thanet:10.2.1"]
    assert rows[2]["verdict"] == "refer" and rows[2]["where"] == "row 4"
    assert rows[3]["reason"] == "expected allowed, the protocol says not-allowed"
    assert rows[4]["missing"] == ["how"] and "needs 'how' next" in rows[4]["reason"]
    assert rows[5]["reason"] == "row 7: No protocol 'thant'. Did you mean: thanet, rutland?"
    assert rows[6]["reason"].startswith("row 8: 'boss' is not an answer to 'who'")
    assert rows[7]["reason"].startswith("row 9: expect 'perhaps' is not a verdict")
    assert rows[8]["reason"].startswith("row 10: No scenario 'no-such-scenario'")
    assert r.err == "9 rows: 3 ok, 1 mismatch, 1 incomplete, 4 error\n"


def test_all_ok_exits_0(cli, tmp_path) -> None:
    r = cli("check", str(write(tmp_path, "ok.csv", HEADER + "\n".join(GOOD) + "\n")))
    assert r.code == 0 and r.err == "3 rows: 3 ok\n"


def test_fail_on_chooses_which_statuses_count(cli, tmp_path) -> None:
    path = write(tmp_path, "cases.csv", HEADER + "\n".join([*GOOD, INCOMPLETE]) + "\n")
    assert cli("check", str(path), "--fail-on", "mismatch,error").code == 0
    assert cli("check", str(path), "--fail-on", "incomplete").code == 1
    assert cli("check", str(path), "--fail-on", "none").code == 0
    bad = cli("check", str(path), "--fail-on", "ok")
    assert bad.code == 2 and "--fail-on takes" in bad.err


def test_excel_csv_with_bom_crlf_and_semicolons(cli, tmp_path) -> None:
    text = "\ufeff" + (HEADER + "\n".join(GOOD) + "\n").replace(",", ";").replace("\n", "\r\n")
    r = cli("check", str(write(tmp_path, "excel.csv", text.encode("utf-8"))))
    assert r.code == 0, r.out
    assert [x["id"] for x in results(r.out)] == ["r1", "r2", "r3"]


def test_a_csv_cell_may_span_lines_and_labels_count_as_answers(cli, tmp_path) -> None:
    label = "An officer about a member (councillor)"
    text = f'id,council,scenario,direction\n"multi\nline id",thanet,complaint-route,{label}\n'
    rows = results(cli("check", str(write(tmp_path, "m.csv", text))).out)
    assert rows[0]["id"] == "multi\nline id" and rows[0]["status"] == "ok"


def test_json_jsonl_and_toml_inputs(cli, tmp_path) -> None:
    items = [
        {
            "id": "a",
            "council": "thanet",
            "scenario": "complaint-route",
            "answers": {"direction": "officer-about-member"},
        },
        {
            "id": "b",
            "council": "rutland",
            "scenario": "group-meeting",
            "expect": "not-allowed",
            "answers": {"matter": "attend", "campaign_use": True},
        },
    ]
    js = cli("check", str(write(tmp_path, "c.json", json.dumps(items))))
    jl = cli("check", str(write(tmp_path, "c.jsonl", "\n".join(json.dumps(i) for i in items) + "\n")))
    toml = (
        '[[case]]\nid = "a"\ncouncil = "thanet"\nscenario = "complaint-route"\n'
        'answers = { direction = "officer-about-member" }\n'
        '[[case]]\nid = "b"\ncouncil = "rutland"\nscenario = "group-meeting"\nexpect = "not-allowed"\n'
        'answers = { matter = "attend", campaign_use = true }\n'
    )
    tm = cli("check", str(write(tmp_path, "c.toml", toml)))
    for r in (js, jl, tm):
        assert r.code == 0, r.out
        assert [(x["id"], x["status"], x["verdict"]) for x in results(r.out)] == [
            ("a", "ok", "refer"),
            ("b", "ok", "not-allowed"),
        ]


def test_stdin_and_format_sniffing(cli, tmp_path, monkeypatch) -> None:
    data = json.dumps(
        {"council": "thanet", "scenario": "complaint-route", "answers": {"direction": "officer-about-member"}}
    )
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO((data + "\n").encode()))))
    r = cli("check", "-")
    assert r.code == 0 and results(r.out)[0]["verdict"] == "refer"


def test_input_format_overrides_the_extension(cli, tmp_path) -> None:
    path = write(tmp_path, "cases.txt", HEADER + GOOD[0] + "\n")
    assert cli("check", str(path), "--input-format", "csv").code == 0
    assert results(cli("check", str(path)).out)[0]["status"] == "ok"  # no extension match: sniffed as CSV
    workbook = write(tmp_path, "cases.xlsx", b"PK\x03\x04 zipped sheets")
    r = cli("check", str(workbook))
    assert r.code == 2 and "looks like an Excel workbook; save it as 'CSV UTF-8'" in r.err
    weird = write(tmp_path, "notes.md", "# just words\n")
    assert "give --input-format" in cli("check", str(weird)).err


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_each_output_format(cli, tmp_path, fmt: str) -> None:
    path = write(tmp_path, "cases.csv", HEADER + "\n".join([*GOOD, MISMATCH, ERRORS[0]]) + "\n")
    r = cli("check", str(path), "--format", fmt)
    assert r.code == 1
    if fmt == "json":
        data = json.loads(r.out)
        assert [x["status"] for x in data] == ["ok", "ok", "ok", "mismatch", "error"]
    elif fmt == "jsonl":
        assert len(results(r.out)) == 5
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(r.out)))
        assert (
            rows[0]["cite"] == "thanet:9.1.12.b1 thanet:9.1.12 thanet:10.2.1" and rows[4]["status"] == "error"
        )
    else:
        lines = r.out.splitlines()  # (at 80 columns: cites and reasons on the lines under each row)
        assert lines[0].split() == ["ID", "STATUS", "VERDICT", "COUNCIL", "SCENARIO"]
        at = next(n for n, line in enumerate(lines) if line.startswith("r4 "))
        assert lines[at].split()[1] == "mismatch" and "expected allowed" in " ".join(lines[at + 1 : at + 3])


def test_output_to_a_file_is_whole_or_nothing(cli, tmp_path) -> None:
    path = write(tmp_path, "cases.csv", HEADER + "\n".join(GOOD) + "\n")
    target = tmp_path / "out" / "results.csv"
    target.parent.mkdir()
    r = cli("check", str(path), "-o", str(target))
    assert r.code == 0 and r.out == "" and r.err.endswith(f"; results in {target}\n")
    assert list(csv.DictReader(target.open()))[2]["verdict"] == "refer"  # .csv -> CSV
    broken = write(tmp_path, "broken.json", "[{")
    r = cli("check", str(path), str(broken), "-o", str(target))
    assert r.code == 2
    assert list(csv.DictReader(target.open()))[2]["verdict"] == "refer"  # the old results are untouched
    assert sorted(p.name for p in target.parent.iterdir()) == ["results.csv"]


def test_empty_and_header_only_files(cli, tmp_path) -> None:
    for text in ("", HEADER):
        r = cli("check", str(write(tmp_path, "e.csv", text)))
        assert r.code == 0 and r.out == "" and r.err == "0 rows: nothing to check\n"
    assert cli("check", str(write(tmp_path, "e.jsonl", "\n\n"))).code == 0


def test_a_bad_row_among_good_ones(cli, tmp_path) -> None:
    lines = [
        json.dumps(
            {
                "council": "thanet",
                "scenario": "complaint-route",
                "answers": {"direction": "officer-about-member"},
            }
        )
    ]
    lines.append("{not json")
    lines.append(
        json.dumps({"council": "thanet", "scenario": "complaint-route", "answers": {"direction": 3}})
    )
    lines.append(json.dumps({"council": "thanet", "scenario": "complaint-route", "colour": "red"}))
    lines.append(json.dumps(["a", "list"]))
    lines.append(
        json.dumps(
            {
                "council": "thanet",
                "scenario": "complaint-route",
                "answers": {"direction": "officer-about-member"},
            }
        )
    )
    path = write(tmp_path, "mixed.jsonl", ("\n".join(lines) + "\n").encode() + b'{"council": "\xff"}\n')
    rows = results(cli("check", str(path)).out)
    assert [x["status"] for x in rows] == ["ok", "error", "error", "error", "error", "ok", "error"]
    assert rows[1]["reason"].startswith("line 2: not valid JSON")
    assert rows[2]["reason"] == "line 3: the answer to 'direction' must be text"
    assert rows[3]["reason"].startswith("line 4: unknown field 'colour'")
    assert rows[6]["reason"] == "line 7: not UTF-8 text"


def test_mixed_protocols_and_defaults(cli, tmp_path) -> None:
    text = "id,direction\nx,officer-about-member\n"
    r = cli(
        "check",
        str(write(tmp_path, "d.csv", text)),
        "--council",
        "epsom-ewell",
        "--scenario",
        "complaint-route",
    )
    assert results(r.out)[0]["cite"] == ["epsom-ewell:6.2"]
    r = cli("check", str(write(tmp_path, "d.csv", text)))
    assert results(r.out)[0]["reason"] == "row 2: no council (add a council column, or --council)"
    assert cli("check", str(write(tmp_path, "d.csv", text)), "--council", "thant").code == 2


def test_inputs_that_cannot_be_read_at_all_exit_2(cli, tmp_path) -> None:
    assert "no such file" in cli("check", str(tmp_path / "missing.csv")).err
    assert "is a folder" in cli("check", str(tmp_path)).err
    assert "not valid JSON" in cli("check", str(write(tmp_path, "x.json", "{"))).err
    assert "expected a JSON list" in cli("check", str(write(tmp_path, "y.json", '"text"'))).err
    assert "expected [[case]] tables" in cli("check", str(write(tmp_path, "z.toml", "a = 1\n"))).err
    assert "must be a header" in cli("check", str(write(tmp_path, "h.csv", "a,b\n1,2\n"))).err
    for args in (("check", str(tmp_path / "missing.csv")), ("check", str(write(tmp_path, "x.json", "{")))):
        r = cli(*args)
        assert r.code == 2 and r.err.count("\n") == 1 and r.err.startswith("Error: ")


def test_round_trip_output_as_input_with_expect(cli, tmp_path) -> None:
    path = write(tmp_path, "cases.csv", HEADER + "\n".join([*GOOD, MISMATCH]) + "\n")
    first = results(cli("check", str(path), "--format", "jsonl").out)
    again = "\n".join(json.dumps({**row, "expect": row["verdict"]}) for row in first) + "\n"
    r = cli("check", str(write(tmp_path, "again.jsonl", again)))
    assert r.code == 0, r.out
    assert [x["status"] for x in results(r.out)] == ["ok"] * 4


def test_a_clerks_thousand_rows(cli, tmp_path) -> None:
    body = []
    for n in range(1000):
        if n % 100 == 7:
            body.append(f"c{n},nowhere,copy-correspondence,,officer,,,,")
        elif n % 50 == 3:
            body.append(f"c{n},thanet,copy-correspondence,,officer,,,,")
        else:
            body.append(GOOD[n % 3].replace("r", f"c{n}-", 1))
    r = cli("check", str(write(tmp_path, "clerk.csv", HEADER + "\n".join(body) + "\n")), "--format", "csv")
    assert r.code == 1
    statuses = [row["status"] for row in csv.DictReader(io.StringIO(r.out))]
    assert len(statuses) == 1000
    assert (
        statuses.count("error") == 10 and statuses.count("incomplete") == 20 and statuses.count("ok") == 970
    )
    assert r.err == "1000 rows: 970 ok, 20 incomplete, 10 error\n"


def test_audit_writes_a_note_per_answered_row_with_a_batch_id(cli, tmp_path) -> None:
    path = write(tmp_path, "cases.csv", HEADER + "\n".join([*GOOD, MISMATCH, INCOMPLETE, ERRORS[0]]) + "\n")
    r = cli("check", str(path), "--audit")
    assert r.code == 1 and "4 audit notes saved, batch batch-" in r.err
    folder = Path(cli("config", "get", "audit_dir").out.strip())
    notes = [audit.read_note(p) for _, p in audit.note_paths(folder)]
    assert len(notes) == 4 and len({n["batch"] for n in notes}) == 1
    assert notes[0]["note"] == "row 2 (r1)" and notes[0]["citation"][0]["text"] == "That Member agrees; or"
    assert cli("audit", "verify").code == 0


def test_reading_streams_row_by_row() -> None:
    """The CSV reader yields each row before it reads the next line."""

    class Lines(io.BytesIO):
        reads = 0

        def __iter__(self):
            for line in self.getvalue().splitlines(keepends=True):
                Lines.reads += 1
                yield line

    data = (HEADER + "\n".join(GOOD) + "\n").encode()
    rows = read_csv(Source("x.csv", Lines(data), len(data)))
    first = next(rows)
    assert isinstance(first, Row) and first.id == "r1" and Lines.reads == 2


@pytest.mark.parametrize(
    ("size", "quiet", "tty", "shown"),
    [
        (10**8, False, True, True),
        (10**8, False, False, False),
        (10**8, True, True, False),
        (100, False, True, False),
        (None, False, True, True),
    ],
)
def test_a_progress_bar_only_at_a_terminal_for_a_large_input(size, quiet, tty, shown) -> None:
    from protocol_cli.drawing.progress import BatchProgress

    source = Source("x", io.BytesIO(b""), size)
    assert BatchProgress([source], quiet, tty).show is shown
