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

from protocol_cli.base.errors import ProtocolError

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
RESERVED = ("id", "council", "scenario", "expect", "expect_cite")
# what `protocol check` writes besides the input: ignored on input, so its output can be re-checked
OUTPUT_ONLY = (
    "status",
    "verdict",
    "cite",
    "answer",
    "reason",
    "where",
    "missing",
    "cite_ok",
    "depends_on",
    "branches",
)


class InputError(ProtocolError):
    """The input could not be read at all."""


class Row:
    __slots__ = ("about", "answers", "council", "error", "expect", "expect_cite", "id", "scenario", "where")

    def __init__(
        self,
        where: str,  # "row 7", "line 12", "item 3", "case 2": how a person finds it in the file
        id: str,
        council: str = "",
        scenario: str = "",
        expect: str = "",
        answers: dict[str, str] | None = None,
        error: str | None = None,
        expect_cite: tuple[str, ...] = (),  # clause labels: the answer must cite at least one
    ) -> None:
        self.expect_cite = expect_cite
        self.about: str | dict[str, Any] = ""  # the row's story and sources: kept, never checked
        self.where = where
        self.id = id
        self.council = council
        self.scenario = scenario
        self.expect = expect
        self.answers = {} if answers is None else answers
        self.error = error


class Source:
    """An input file (or stdin) read as bytes, counting what has been read for a progress bar.

    Text may be UTF-8 (with or without a BOM) or UTF-16 (Excel's "Unicode Text"; with a BOM, or
    without one when its text is mostly ASCII), with line ends as Windows, Unix or old Macs
    (CR only) write them.
    """

    def __init__(self, name: str, stream: IO[bytes], size: int | None) -> None:
        self.name = name
        self.stream = stream
        self.size = size
        self.read = 0
        self.bad_lines = 0
        self._kind: tuple[str, bool] | None = None  # (encoding, CR-only line ends), from the first bytes

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

    def peek(self) -> bytes:
        peek = getattr(self.stream, "peek", None)
        return peek(4096)[:4096] if peek is not None else b""

    def kind(self) -> tuple[str, bool]:
        """(encoding, CR-only line ends): "utf-8" or "utf-16-le"/"utf-16-be"."""
        if self._kind is None:
            head = self.peek()
            encoding = utf16(head) or "utf-8"
            text = head.decode(encoding, errors="ignore") if encoding != "utf-8" else head.decode("latin-1")
            self._kind = (encoding, "\r" in text and "\n" not in text)
        return self._kind

    def lines(self) -> Iterator[str]:
        """Text lines (a BOM dropped, Windows line ends kept for csv to handle).

        A line that is not UTF-8 is still yielded (its bad bytes kept as surrogates), and
        `bad_lines` counts it, so the reader can report that row and go on.
        """
        encoding, cr_only = self.kind()
        if encoding != "utf-8" or cr_only:
            yield from self._decoded_lines(encoding)
            return
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

    def _decoded_lines(self, encoding: str) -> Iterator[str]:
        """Lines of UTF-16 text, or of text whose lines end in CR alone (split as Excel does)."""
        import io
        import re

        bad = re.compile("[\udc80-\udcff\ufffd]")
        errors = "surrogateescape" if encoding == "utf-8" else "replace"
        text = io.TextIOWrapper(self.stream, encoding=encoding, errors=errors, newline="")  # type: ignore[type-var]
        size = 2 if encoding != "utf-8" else 1
        try:
            for n, line in enumerate(text):
                self.read += len(line) * size
                if n == 0:
                    line = line.removeprefix("\ufeff")
                if bad.search(line):
                    self.bad_lines += 1
                yield line
        finally:
            text.detach()  # (closing the wrapper would close the file, or stdin, under the caller)

    def whole(self) -> str:
        raw = self.stream.read()
        self.read += len(raw)
        encoding = utf16(raw[:4096])
        if encoding:
            text = raw.decode(encoding, errors="replace")
            if "\ufffd" in text:
                raise InputError(f"{self.name}: not valid UTF-16 text; save it as UTF-8")
            return text.removeprefix("\ufeff")
        try:
            return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(f"{self.name}, line {line}: not UTF-8 text; save it as UTF-8") from exc


def utf16(head: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 text (Excel's "Unicode Text"), else None.

    With a byte-order mark; or without one when every other byte of the first line is NUL, as
    in UTF-16 text that is mostly ASCII (a binary file has NULs scattered, not in step).
    """
    if head.startswith(b"\xff\xfe"):
        return "utf-16-le"
    if head.startswith(b"\xfe\xff"):
        return "utf-16-be"
    sample = head[:200] if len(head) >= 200 else head[: len(head) - len(head) % 2]
    if len(sample) < 4:
        return None
    if not any(sample[1::2]) and all(sample[0::2]):
        return "utf-16-le"
    if not any(sample[0::2]) and all(sample[1::2]):
        return "utf-16-be"
    return None


def detect_format(name: str, given: str | None, peek: bytes) -> str:
    """The format: as given, else from the file name, else from the first bytes."""
    encoding = utf16(peek)
    if encoding:  # (UTF-16 text holds NUL bytes by design)
        peek = peek.decode(encoding, errors="ignore").encode("utf-8")
    elif b"\x00" in peek:
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
    first_line = head.replace(b"\r", b"\n").split(b"\n", 1)[0]
    if any(sep in first_line for sep in (b",", b";", b"\t")) or not head:
        return "csv"
    raise InputError(f"{name}: cannot tell the format; give --input-format csv|json|jsonl|toml")


_FIELDS = frozenset(("id", "council", "scenario", "expect", "expect_cite", "answers", "about", *OUTPUT_ONLY))


def cite_labels(value: Any) -> tuple[str, ...] | None:
    """expect_cite as labels: "9.1.12 thanet:10.2.1" (spaces or commas) or a list; None if neither."""
    if type(value) is str:
        return tuple(value.replace(",", " ").split())
    if type(value) is list and all(type(v) is str for v in value):
        return tuple(label for v in value for label in v.replace(",", " ").split())
    return None


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
    if "expect_cite" in item:
        labels = cite_labels(item["expect_cite"])
        if labels is None:
            row.error = f'{where}: expect_cite must be clause labels, e.g. ["9.1.12", "10.2.1"]'
            return row
        row.expect_cite = labels
    if "about" in item:  # the case's story, where it came from, why this is the answer: kept, not checked
        about = item["about"]
        if type(about) not in (str, dict):
            row.error = f"{where}: 'about' must be text or a table (the case's story and sources)"
            return row
        row.about = about
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


def read_csv(source: Source) -> CsvRows:
    return CsvRows(source)


class CsvRows:
    """The rows of a CSV file, its header read at once (so `columns` is known before any row).

    Columns with no name (Excel writes `…,consent,,` when cells beyond the table were touched)
    and the columns `check` writes (OUTPUT_ONLY) are left out; `about` is kept beside the row.
    """

    def __init__(self, source: Source) -> None:
        self.source = source
        self.columns: list[str] = []  # question columns (and any others a person added), in order
        self.unnamed_values = 0  # cells with a value under a column with no name
        self._lines = source.lines()
        self._rows: Iterator[Row] = iter(())
        header_line = next(self._lines, None)
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
                f"{source.name}: the first row must be a header: id, council, scenario, expect, "
                "then question ids"
            )
        named = [h for h in header if h]
        twice = sorted({h for h in named if named.count(h) > 1})
        if twice:
            raise InputError(f"{source.name}: the column '{twice[0]}' is named twice in the header")
        skip = (*RESERVED, *OUTPUT_ONLY, "about")
        self.columns = [h for h in header if h and h not in skip]
        self._rows = self._read(header, dialect)

    def __iter__(self) -> Iterator[Row]:
        return self

    def __next__(self) -> Row:
        return next(self._rows)

    def _read(self, header: list[str], dialect: Any) -> Iterator[Row]:
        source = self.source
        reader = csv.reader(self._lines, dialect)
        width = len(header)
        unnamed = [n for n, h in enumerate(header) if not h]
        answer_columns = [(n, h) for n, h in enumerate(header) if h in self.columns]
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
                    f"row {row_number}",
                    str(row_number - 1),
                    error=f"row {row_number}: not valid CSV ({exc})",
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
            if len(cells) > width:
                if any(c.strip() for c in cells[width:]):
                    yield Row(where, str(row_number - 1), error=f"{where}: more cells than header columns")
                    continue
                del cells[width:]  # (empty cells past the last column, as spreadsheets write them)
            cells += [""] * (width - len(cells))
            if unnamed and any(cells[n].strip() for n in unnamed):
                self.unnamed_values += 1
            values = dict(zip(header, cells, strict=True))
            row = Row(
                where,
                values.get("id", "").strip() or str(row_number - 1),
                values.get("council", "").strip(),
                values.get("scenario", "").strip(),
                values.get("expect", "").strip(),
                expect_cite=tuple(values.get("expect_cite", "").replace(",", " ").split()),
            )
            row.about = values.get("about", "").strip()
            row.answers = {h: v for n, h in answer_columns if (v := cells[n].strip())}
            yield row  # rows are counted as Excel counts them (a cell may span lines)


def rows(source: Source, fmt: str) -> Iterator[Row]:
    readers = {"csv": read_csv, "json": read_json, "jsonl": read_jsonl, "toml": read_toml}
    return readers[fmt](source)
