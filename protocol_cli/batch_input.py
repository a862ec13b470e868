"""Reading batch files row by row: CSV, JSON, JSON lines and TOML, from files or stdin.

Rows are yielded one at a time (JSON and TOML files are parsed whole, as those formats require;
CSV and JSON lines stream). A row that cannot be read becomes a Row with an `error`, so one bad
row never stops the run; a file that cannot be read at all raises InputError (exit 2).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from protocol_cli.errors import ProtocolError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

FORMATS = ("csv", "json", "jsonl", "toml")
SUFFIXES = {
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".toml": "toml",
    ".tsv": "csv",
}
RESERVED = ("id", "council", "scenario", "expect")
# what `protocol check` writes besides the input: ignored on input, so its output can be re-checked
OUTPUT_ONLY = ("status", "verdict", "cite", "answer", "reason", "where", "missing")


class InputError(ProtocolError):
    """The input could not be read at all."""


class Row:
    __slots__ = ("answers", "council", "error", "expect", "id", "scenario", "where")

    def __init__(
        self,
        where: str,  # "row 7", "line 12", "item 3", "case 2": how a person finds it in the file
        id: str,
        council: str = "",
        scenario: str = "",
        expect: str = "",
        answers: dict[str, str] | None = None,
        error: str | None = None,
    ) -> None:
        self.where = where
        self.id = id
        self.council = council
        self.scenario = scenario
        self.expect = expect
        self.answers = {} if answers is None else answers
        self.error = error


class Source:
    """An input file (or stdin) read as bytes, counting what has been read for a progress bar."""

    def __init__(self, name: str, stream: IO[bytes], size: int | None) -> None:
        self.name = name
        self.stream = stream
        self.size = size
        self.read = 0
        self.bad_lines = 0

    @classmethod
    def open(cls, name: str, stdin: IO[bytes] | None) -> Source:
        if name == "-":
            return cls("stdin", stdin, None)
        path = Path(name)
        try:
            if path.is_dir():
                raise InputError(f"{name} is a folder; give a CSV, JSON, JSONL or TOML file")
            stream = path.open("rb")
        except FileNotFoundError as exc:
            raise InputError(f"{name}: no such file") from exc
        except OSError as exc:
            raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc
        return cls(name, stream, path.stat().st_size)

    def lines(self) -> Iterator[str]:
        """Text lines (UTF-8, a BOM dropped, Windows line ends kept for csv to handle).

        A line that is not UTF-8 is still yielded (its bad bytes kept as surrogates), and
        `bad_lines` counts it, so the reader can report that row and go on.
        """
        first = True
        for raw in self.stream:
            self.read += len(raw)
            if first:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
                first = False
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                self.bad_lines += 1
                yield raw.decode("utf-8", errors="surrogateescape")

    def whole(self) -> str:
        raw = self.stream.read()
        self.read += len(raw)
        try:
            return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(f"{self.name}, line {line}: not UTF-8 text; save it as UTF-8") from exc


def detect_format(name: str, given: str | None, peek: bytes) -> str:
    """The format: as given, else from the file name, else from the first bytes."""
    if b"\x00" in peek:
        raise InputError(
            f"{name}: does not look like text (it holds NUL bytes); give a CSV, JSON, JSONL or TOML file"
        )
    if given:
        return given
    suffix = Path(name).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    head = peek.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{name} looks like an Excel workbook; save it as 'CSV UTF-8' and check that file")
    if head[:1] == b"[":
        return "json"
    if head[:1] == b"{":
        return "jsonl"
    first_line = head.split(b"\n", 1)[0]
    if any(sep in first_line for sep in (b",", b";", b"\t")) or not head:
        return "csv"
    raise InputError(f"{name}: cannot tell the format; give --input-format csv|json|jsonl|toml")


_FIELDS = frozenset(("id", "council", "scenario", "expect", "answers", *OUTPUT_ONLY))


def _from_mapping(item: Any, where: str, n: int) -> Row:
    """A row from a JSON/TOML object: id, council, scenario, expect, answers {question: value}."""
    if type(item) is not dict:
        return Row(where, str(n), error=f"{where}: expected an object with council, scenario and answers")
    get = item.get
    ident = get("id", n)
    try:
        row = Row(
            where,
            ident if type(ident) is str else str(ident),
            get("council", "").strip(),
            get("scenario", "").strip(),
            get("expect", "").strip(),
        )
    except AttributeError:
        bad = next(k for k in ("council", "scenario", "expect") if type(get(k, "")) is not str)
        return Row(where, str(ident), error=f"{where}: '{bad}' must be text")
    if not _FIELDS.issuperset(item):
        unknown = next(k for k in item if k not in _FIELDS)
        row.error = f"{where}: unknown field '{unknown}' (answers go under \"answers\")"
        return row
    answers = get("answers") or {}
    if type(answers) is not dict:
        row.error = f"{where}: 'answers' must be an object of question: value"
        return row
    try:
        clean = {k: v.strip() for k, v in answers.items()}
    except AttributeError:  # a value that is not text: true/false mean yes/no, anything else is wrong
        clean = {}
        for key, value in answers.items():
            if type(value) is bool:
                clean[key] = "yes" if value else "no"
            elif type(value) is str:
                clean[key] = value.strip()
            else:
                row.error = f"{where}: the answer to '{key}' must be text"
                return row
    if "" in clean.values():
        clean = {k: v for k, v in clean.items() if v}
    row.answers = clean
    return row


def read_jsonl(source: Source) -> Iterator[Row]:
    decode = json.JSONDecoder().decode
    n = bad = 0
    for line in source.lines():
        n += 1
        if not line or line.isspace():
            continue
        where = f"line {n}"
        if source.bad_lines != bad:
            bad = source.bad_lines
            yield Row(where, str(n), error=f"{where}: not UTF-8 text")
            continue
        try:
            item = decode(line)
        except json.JSONDecodeError as exc:
            yield Row(where, str(n), error=f"{where}: not valid JSON ({exc.msg})")
            continue
        yield _from_mapping(item, where, n)


def read_json(source: Source) -> Iterator[Row]:
    text = source.whole()
    if not text.strip():
        return  # an empty file: nothing to check (as for an empty CSV)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source.name}, line {exc.lineno}: not valid JSON ({exc.msg})") from exc
    if isinstance(data, dict) and isinstance(data.get("cases"), list):
        data = data["cases"]
    if not isinstance(data, list):
        raise InputError(
            f"{source.name}: expected a JSON list of rows, each with council, scenario and answers"
        )
    for n, item in enumerate(data, start=1):
        yield _from_mapping(item, f"item {n}", n)


def read_toml(source: Source) -> Iterator[Row]:
    import tomllib

    text = source.whole()
    if not text.strip():
        return
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{source.name}: not valid TOML ({exc})") from exc
    cases = data.get("case")
    if not isinstance(cases, list):
        raise InputError(f"{source.name}: expected [[case]] tables, each with council, scenario and answers")
    for n, item in enumerate(cases, start=1):
        yield _from_mapping(item, f"case {n}", n)


MAX_HEADER = 64 * 1024  # characters; a real header is a few hundred


def read_csv(source: Source) -> Iterator[Row]:
    lines = source.lines()
    header_line = next(lines, None)
    if header_line is None or not header_line.strip():
        return
    if len(header_line) > MAX_HEADER:  # (the sniffer would chew on it for seconds)
        raise InputError(
            f"{source.name}, row 1: {len(header_line):,} characters long, not a CSV header; "
            "the first row names the columns: id, council, scenario, expect, then question ids"
        )
    try:
        dialect: Any = csv.Sniffer().sniff(header_line, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        header = [h.strip().lower() for h in next(csv.reader([header_line], dialect))]
    except csv.Error as exc:
        raise InputError(f"{source.name}, row 1: not a CSV header ({exc})") from exc
    if not set(RESERVED) & set(header):
        raise InputError(
            f"{source.name}: the first row must be a header: id, council, scenario, expect, then question ids"
        )
    if len(set(header)) != len(header):
        raise InputError(f"{source.name}: a column name is used twice in the header")
    reader = csv.reader(lines, dialect)
    row_number = 1
    bad = source.bad_lines
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a stray line break in an unquoted cell: that row only
            row_number += 1
            yield Row(
                f"row {row_number}", str(row_number - 1), error=f"row {row_number}: not valid CSV ({exc})"
            )
            continue
        row_number += 1
        where = f"row {row_number}"
        if source.bad_lines != bad:
            bad = source.bad_lines
            yield Row(
                where, str(row_number - 1), error=f"{where}: not UTF-8 text (save the file as CSV UTF-8)"
            )
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            yield Row(where, str(row_number - 1), error=f"{where}: more cells than header columns")
            continue
        values = dict(zip(header, (c.strip() for c in cells), strict=False))
        row = Row(
            where,
            values.get("id") or str(row_number - 1),
            values.get("council", ""),
            values.get("scenario", ""),
            values.get("expect", ""),
        )
        row.answers = {k: v for k, v in values.items() if k not in RESERVED and v and k}
        yield row  # rows are counted as Excel counts them (a cell may span lines)


def rows(source: Source, fmt: str) -> Iterator[Row]:
    readers = {"csv": read_csv, "json": read_json, "jsonl": read_jsonl, "toml": read_toml}
    return readers[fmt](source)
