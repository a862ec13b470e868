"""Audit notes: one TOML file per decision, chained by hashes so that changes can be proved.

Layout under the audit folder:

    2026/11/000123.toml     one note; never overwritten (created with a hard link, which fails
                            rather than replace), mode 0600, folders 0700
    HEAD                    "<seq> <hash>" of the newest note, replaced atomically
    .lock                   held (filelock) while a note is added, so concurrent writers queue

A note's first line is `hash = "<sha256>"`: the SHA-256 of every byte after that line. The rest
holds the decision and `prev_hash`, the hash of the note before it. Editing any byte breaks the
note's hash; removing, inserting or reordering notes breaks the chain or the numbering; removing
the newest notes disagrees with HEAD, and a missing HEAD with notes present is reported too.
Removing the newest notes together with HEAD, or the whole folder, is proved against a receipt
(`protocol audit checkpoint`) kept outside the folder. A writer killed mid-write leaves at most
a `.tmp-*` file, never a partial note; the next writer removes it.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import re
import tomllib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from protocol_cli.base.errors import ProtocolError
from protocol_cli.base.files import TEMP_PREFIX, create_new, make_private_dir, replace_atomic

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NOTE_RE = re.compile(r"^(\d{6,})\.toml$")
HASH_LINE_RE = re.compile(rb'^hash = "([0-9a-f]{64})"\n')


class AuditError(ProtocolError):
    """The audit folder or a note cannot be used."""


class NoteRef:
    __slots__ = ("hash", "id", "path", "seq")

    def __init__(self, id: str, seq: int, path: Path, hash: str) -> None:
        self.id = id
        self.seq = seq
        self.path = path
        self.hash = hash


def note_id(seq: int) -> str:
    return f"{seq:06d}"


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- locking ------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the folder's lock: one writer at a time, across processes, on Windows and POSIX alike."""
    from filelock import FileLock

    with FileLock(folder / ".lock", mode=0o600):
        yield


# --- reading ------------------------------------------------------------------------------


def note_paths(folder: Path) -> list[tuple[int, Path]]:
    """(seq, path) of every note file under folder, in seq order."""
    found = []
    if not folder.is_dir():
        return found
    for year in folder.iterdir():
        if not (year.is_dir() and year.name.isdigit()):
            continue
        for month in year.iterdir():
            if not (month.is_dir() and month.name.isdigit()):
                continue
            for path in month.iterdir():
                m = NOTE_RE.match(path.name)
                if m:
                    found.append((int(m.group(1)), path))
    return sorted(found)


def split(raw: bytes) -> tuple[str | None, bytes]:
    """The stated hash (first line) and the body it covers."""
    m = HASH_LINE_RE.match(raw)
    if not m:
        return None, raw
    return m.group(1).decode(), raw[m.end() :]


def read_note(path: Path) -> dict[str, Any]:
    """A note as data, with its stated hash; AuditError if it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AuditError(f"cannot read the audit note {path}: {exc.strerror or exc}") from exc
    stated, body = split(raw)
    try:
        data = tomllib.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AuditError(f"the audit note {path} is damaged ({exc}); run: protocol audit verify") from exc
    data["hash"] = stated
    data["_intact"] = stated is not None and _sha(body) == stated  # (for show: not in JSON)
    return data


def _head(folder: Path) -> tuple[int, str]:
    """(seq, hash) of the newest note: from HEAD, then past any note written after it."""
    seq, digest = 0, ""
    try:
        parts = (folder / "HEAD").read_text(encoding="ascii").split()
        seq, digest = int(parts[0]), parts[1]
        if seq == 0:
            digest = ""  # HEAD written before the very first note: "0 -"
    except (OSError, ValueError, IndexError):
        notes = note_paths(folder)
        if notes:
            seq, path = notes[-1]
            digest = split(path.read_bytes())[0] or ""
        return seq, digest
    while True:  # a writer stopped after its note and before HEAD: carry on from its note
        following = list(folder.glob(f"*/*/{note_id(seq + 1)}.toml"))
        if not following:
            return seq, digest
        seq += 1
        digest = split(following[0].read_bytes())[0] or ""


def _holds_cr(value: Any) -> bool:
    """Whether any string in a note holds a carriage return."""
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_holds_cr(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_cr(v) for v in value)
    return False


def _clean_temps(folder: Path, month: Path) -> None:
    """Remove what writers killed mid-write left (only called while holding the lock)."""
    for place in (folder, month):
        if place.is_dir():
            for temp in place.glob(TEMP_PREFIX + "*"):
                temp.unlink(missing_ok=True)


# --- writing ------------------------------------------------------------------------------


def append(folder: Path, fields: dict[str, Any]) -> NoteRef:
    """Add a note holding `fields` at the end of the chain; returns where it went."""
    import tomli_w

    try:
        make_private_dir(folder)
        with _locked(folder):
            created = now_utc()
            month = folder / created[:4] / created[5:7]
            _clean_temps(folder, month)
            seq, prev = _head(folder)
            if seq == 0 and not (folder / "HEAD").exists():
                # HEAD exists from before the first note on, so a missing HEAD is always damage
                # (a writer stopped between note and HEAD leaves a stale HEAD, which is caught up)
                replace_atomic(folder / "HEAD", b"0 -\n")
            seq += 1
            note = {"id": note_id(seq), "seq": seq, "created": created, "prev_hash": prev, **fields}
            # multi-line strings read best, but TOML reads a CR LF inside one back as LF: a note
            # holding a carriage return is written with escapes so it reads back exactly
            body = tomli_w.dumps(note, multiline_strings=not _holds_cr(note)).encode("utf-8")
            digest = _sha(body)
            make_private_dir(month)
            path = month / f"{note_id(seq)}.toml"
            create_new(path, f'hash = "{digest}"\n'.encode() + body)
            replace_atomic(folder / "HEAD", f"{seq} {digest}\n".encode())
    except FileExistsError as exc:
        raise AuditError(f"audit note {exc.filename} already exists; run: protocol audit verify") from exc
    except OSError as exc:
        raise AuditError(f"cannot write to the audit folder {folder}: {exc.strerror or exc}") from exc
    return NoteRef(note_id(seq), seq, path, digest)


# --- verifying ------------------------------------------------------------------------------


class Problem:
    __slots__ = ("note", "what")

    def __init__(self, note: str, what: str) -> None:
        self.note = note  # the note id (or file) the problem is found at
        self.what = what

    def __str__(self) -> str:
        return f"note {self.note}: {self.what}"


class Report:
    __slots__ = ("count", "last", "last_hash", "leftovers", "problems")

    def __init__(self, count: int, last: str | None, problems: list[Problem], leftovers: list[str]) -> None:
        self.count = count
        self.last = last
        self.problems = problems
        self.leftovers = leftovers  # temp files of writers that were stopped (not notes)
        self.last_hash: str | None = None

    @property
    def intact(self) -> bool:
        return not self.problems


RECEIPT_RE = re.compile(r"^\s*(\d{1,12})[-: ]([0-9a-fA-F]{64})\s*$")


class Receipt:
    """What `protocol audit checkpoint` prints, to keep outside the audit folder: `000005-<sha256>`.

    It names the newest note (its number, which is also the count of notes) and that note's hash.
    Because every note's hash covers the hash of the note before it, the receipt pins every note up
    to it: `verify(folder, receipt)` fails if any of them was removed, altered or replaced.
    """

    __slots__ = ("hash", "seq")

    def __init__(self, seq: int, hash: str) -> None:
        self.seq = seq
        self.hash = hash

    def __str__(self) -> str:
        return f"{note_id(self.seq)}-{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Receipt:
        """Raises AuditError when text is not a receipt."""
        m = RECEIPT_RE.match(text)
        if not m or int(m.group(1)) == 0:
            raise AuditError(
                f"'{text.strip()[:40]}' is not an audit receipt; a receipt looks like 000005-<64 hex "
                "digits>, as printed by: protocol audit checkpoint"
            )
        return cls(int(m.group(1)), m.group(2).lower())


def checkpoint(folder: Path) -> tuple[Report, Receipt | None]:
    """The receipt for the chain as it stands, or None when it is not intact or holds no notes."""
    report = verify(folder)
    if not report.intact or report.last is None or report.last_hash is None:
        return report, None
    return report, Receipt(int(report.last), report.last_hash)


def verify(folder: Path, receipt: Receipt | None = None) -> Report:
    """Recompute every hash and walk the chain; the first problem of each kind is reported.

    With a receipt, also prove that the note it names is still there, unchanged, in the chain.
    """
    problems: list[Problem] = []
    notes = note_paths(folder)
    hashes: dict[int, str] = {}
    prev_hash, prev_seq = "", 0
    for seq, path in notes:
        nid = note_id(seq)
        raw = path.read_bytes()
        stated, body = split(raw)
        if stated is None:
            problems.append(Problem(nid, f"its first line is not its hash ({path})"))
            break
        if _sha(body) != stated:
            problems.append(Problem(nid, f"altered: its contents do not match its hash ({path})"))
            break
        try:
            data = tomllib.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            problems.append(Problem(nid, f"not a readable note ({path})"))
            break
        if data.get("id") != nid or data.get("seq") != seq:
            problems.append(
                Problem(nid, f"the file holds note {data.get('id')}: notes were moved or reordered")
            )
            break
        if (
            str(data.get("created", ""))[:7].replace("-", "/")
            != f"{path.parent.parent.name}/{path.parent.name}"
        ):
            problems.append(Problem(nid, f"filed under the wrong month ({path})"))
            break
        if seq != prev_seq + 1:
            missing = note_id(prev_seq + 1) if seq > prev_seq + 1 else nid
            problems.append(
                Problem(missing, f"missing: the notes jump from {note_id(prev_seq)} to {nid} (removed?)")
            )
            break
        if data.get("prev_hash") != prev_hash:
            problems.append(
                Problem(nid, f"does not follow note {note_id(prev_seq)} (inserted or reordered?)")
            )
            break
        prev_hash, prev_seq = stated, seq
        hashes[seq] = stated
    if not problems:
        try:
            parts = (folder / "HEAD").read_text(encoding="ascii").split()
            head_seq, head_hash = int(parts[0]), parts[1]
        except FileNotFoundError:
            # With notes present, a missing HEAD is how removing the newest notes would be hidden.
            head_seq, head_hash = (-2 if notes else 0), ""
        except (OSError, ValueError, IndexError):
            head_seq, head_hash = -1, ""
        if head_seq == -2:
            problems.append(
                Problem(
                    "HEAD",
                    f"missing while {len(notes)} notes are present: the newest notes may have been "
                    "removed with it (check with a receipt: protocol audit verify --since-receipt)",
                )
            )
        elif head_seq == -1:
            problems.append(Problem("HEAD", "the record of the newest note is missing or damaged"))
        elif head_seq > prev_seq:
            problems.append(
                Problem(note_id(prev_seq + 1), f"missing: notes after {note_id(prev_seq)} were removed")
            )
        elif head_seq == prev_seq and head_hash != prev_hash:
            problems.append(Problem(note_id(prev_seq), "altered: it is not the note HEAD recorded"))
    if receipt is not None:
        kept = hashes.get(receipt.seq)
        if kept is None and all(seq != receipt.seq for seq, _ in notes):
            problems.append(
                Problem(
                    note_id(receipt.seq),
                    f"missing: the receipt covers {receipt.seq} notes but only {len(notes)} are here "
                    "(notes were removed)",
                )
            )
        elif kept is not None and kept != receipt.hash:
            problems.append(
                Problem(note_id(receipt.seq), "not the note the receipt records: altered or replaced")
            )
    leftovers = sorted(str(p) for p in folder.rglob(TEMP_PREFIX + "*")) if folder.is_dir() else []
    report = Report(len(notes), note_id(prev_seq) if prev_seq else None, problems, leftovers)
    report.last_hash = prev_hash or None
    return report


# --- listing and exporting ------------------------------------------------------------------


def local_day(created: str) -> date:
    """The day, where the person is, of a note created at `created` (UTC, ISO 8601 with Z).

    --since/--until name days as people live them: a note written at 00:30 British Summer Time is
    filed at 23:30 UTC the day before, but belongs to the day it was written. Raises ValueError.
    """
    return datetime.fromisoformat(created.replace("Z", "+00:00")).astimezone().date()


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise AuditError(f"{option} needs a date like 2026-11-23 (got {text!r})") from exc


def select(
    folder: Path,
    since: date | None = None,
    until: date | None = None,
    council: str | None = None,
    scenario: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Notes in order, filtered; each note read only when needed."""
    for _, path in note_paths(folder):
        note = read_note(path)
        note.pop("_intact", None)  # (verify is where integrity is reported)
        try:
            day = local_day(str(note.get("created", "")))
        except ValueError:
            raise AuditError(
                f"the audit note {path} has no valid 'created' date; run: protocol audit verify"
            ) from None
        if since and day < since:
            continue
        if until and day > until:
            continue
        if council and note.get("protocol", {}).get("id") != council:
            continue
        if scenario and note.get("scenario", {}).get("id") != scenario:
            continue
        note["path"] = str(path)
        yield note


def find(folder: Path, wanted: str) -> dict[str, Any]:
    """One note by id: 123, 000123 or 000123.toml."""
    digits = wanted.strip().removesuffix(".toml")
    if not digits.isdigit():
        raise AuditError(
            f"'{wanted}' is not an audit note id; ids are numbers such as 000123 (see: protocol audit list)"
        )
    for seq, path in note_paths(folder):
        if seq == int(digits):
            note = read_note(path)
            note["path"] = str(path)
            return note
    raise AuditError(f"no audit note {note_id(int(digits))} in {folder} (see: protocol audit list)")


def summary(note: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": note.get("id"),
        "created": note.get("created"),
        "recorded_by": note.get("recorded_by", ""),
        "council": note.get("protocol", {}).get("id"),
        "scenario": note.get("scenario", {}).get("id"),
        "verdict": note.get("outcome", {}).get("verdict"),
        "batch": note.get("batch"),
        "path": note.get("path"),
    }


CSV_FIELDS = [
    "id",
    "created",
    "recorded_by",
    "council",
    "scenario",
    "verdict",
    "answer",
    "citations",
    "note",
    "batch",
    "hash",
    "prev_hash",
]


def csv_row(note: dict[str, Any]) -> dict[str, str]:
    outcome = note.get("outcome", {})
    return {
        "id": note.get("id", ""),
        "created": note.get("created", ""),
        "recorded_by": note.get("recorded_by", ""),
        "council": note.get("protocol", {}).get("id", ""),
        "scenario": note.get("scenario", {}).get("id", ""),
        "verdict": outcome.get("verdict", ""),
        "answer": outcome.get("answer", ""),
        "citations": " ".join(c.get("id", "") for c in note.get("citation", [])),
        "note": note.get("note", ""),
        "batch": note.get("batch", ""),
        "hash": note.get("hash") or "",
        "prev_hash": note.get("prev_hash", ""),
    }


def export(notes: Iterator[dict[str, Any]], fmt: str) -> Iterator[str]:
    """Text chunks of the export, one note at a time (memory stays flat)."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for note in notes:
            writer.writerow(csv_row(note))
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()
    elif fmt == "jsonl":
        for note in notes:
            note.pop("path", None)
            yield json.dumps(note, ensure_ascii=False) + "\n"
    elif fmt == "markdown":
        yield "# Audit notes\n"
        for note in notes:
            yield "\n" + markdown(note)
    else:  # pragma: no cover - the CLI offers only the formats above
        raise AuditError(f"unknown export format {fmt!r}")


def markdown(note: dict[str, Any]) -> str:
    outcome = note.get("outcome", {})
    protocol = note.get("protocol", {})
    lines = [
        f"## Note {note.get('id')}: {note.get('scenario', {}).get('title', '')}",
        "",
        f"- Created: {note.get('created')} by {note.get('recorded_by') or 'unknown'}",
        f"- Protocol: {protocol.get('council')}, {protocol.get('title')}",
        f"- Data version: {protocol.get('data_version')}",
        f"- Verdict: **{outcome.get('verdict')}**",
    ]
    if note.get("batch"):
        lines.append(f"- Batch: {note['batch']}")
    lines += ["", outcome.get("answer", ""), ""]
    for q in note.get("question", []):
        lines.append(f"- {q.get('prompt')} **{q.get('label')}** (`{q.get('id')} = {q.get('answer')}`)")
    for title, key in (
        ("Conditions", "conditions"),
        ("Route", "route"),
        ("What to do", "steps"),
        ("Who to ask", "contacts"),
    ):
        if outcome.get(key):
            lines += ["", f"{title}:", *[f"- {item}" for item in outcome[key]]]
    for b in note.get("branches", []):  # the cases an "I'm not sure" answer turned on
        cites = ", ".join(f"`{c}`" for c in b.get("citations", []))
        lines += [
            "",
            f"If {b.get('case')}: **{b.get('verdict')}** (rule {b.get('rule')}; {cites})",
            "",
            b.get("answer", ""),
        ]
    if note.get("note"):
        lines += ["", f"Note: {note['note']}"]
    lines += ["", "Because:"]
    for c in note.get("citation", []):
        lines += ["", f"> **{c.get('id')}** ({c.get('heading')})", ">", f"> {c.get('text')}"]
    lines += ["", f"`hash {note.get('hash')}`", ""]
    return "\n".join(lines)
