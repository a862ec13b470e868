"""Loading the bundled protocol data: lazily, one protocol at a time, checked as it loads.

Asking about one protocol parses only that protocol's file; listing the protocols reads only
the folder. A file that cannot be used raises DataError naming the file and the line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from protocol_cli.base.errors import DataError, NotFound
from protocol_cli.deciding.model import (
    KINDS,
    LABEL_RE,
    PROTOCOL_ID_RE,
    Clause,
    Correction,
    Protocol,
    Role,
    Section,
    canonical,
    label_key,
    unknown,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.deciding.engine import Scenario, Table
    from protocol_cli.sources.scenarios import Catalogue, ScenarioFile

_PACKAGE = Path(__file__).resolve().parents[1]  # protocol_cli/, two up from sources/library.py
ROLE_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def bundled_data_root() -> Path:
    """data/ inside the installed wheel, else data/ at the top of the checkout (editable installs)."""
    inside = _PACKAGE / "data"
    if (inside / "clauses").is_dir():
        return inside
    return _PACKAGE.parent / "data"


class Library:
    """The protocols in a data folder (clauses/<id>.toml), each parsed on first use.

    An overlay folder (--data-dir, PROTOCOL_DATA_DIR) adds or replaces protocols and scenarios:
    its clauses/<id>.toml replaces the bundled file of that id or adds a protocol, and its
    scenarios/<id>.toml replaces a scenario or, holding only rule tables, adds them to the
    bundled scenario. Unless strict, a broken overlay file is reported (once, as a warning with
    its file and line) and left out, so everything else keeps working.
    """

    def __init__(
        self,
        root: Path,
        overlay: Path | None = None,
        strict: bool = False,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.root = root
        self.overlay = overlay
        self.strict = strict
        self.warn = warn or _warn_stderr
        self._protocols: dict[str, Protocol] = {}
        self._broken: dict[str, DataError] = {}
        self.problems: list[DataError] = []
        self._catalogue: Catalogue | None = None
        self._checked: set[tuple[str, str]] = set()
        self._ids: list[str] | None = None

    @property
    def clause_dir(self) -> Path:
        return self.root / "clauses"

    def overlay_file(self, part: str, item_id: str) -> Path | None:
        if self.overlay is None:
            return None
        path = self.overlay / part / f"{item_id}.toml"
        return path if path.is_file() else None

    def overlay_ids(self, part: str) -> list[str]:
        """The ids of the overlay's files in clauses/ or scenarios/ (badly named ones reported)."""
        folder = self.overlay / part if self.overlay is not None else None
        if folder is None or not folder.is_dir():
            return []
        ids = []
        for path in sorted(folder.glob("*.toml")):
            if PROTOCOL_ID_RE.match(path.stem):
                ids.append(path.stem)
            else:
                problem = DataError(path, "is left out: a file name must be lower-case-words.toml")
                if self.strict:
                    self.problems.append(problem)  # (data check lists it with the rest)
                else:
                    self.report(problem)
        return ids

    def report(self, error: DataError) -> None:
        """A problem in an overlay file: fatal when strict, otherwise a warning (once each)."""
        if self.strict:
            raise error
        key = str(error)
        if key not in self._broken:
            self._broken[key] = error
            self.warn(f"Warning: {error.message}; left out")

    def protocol_ids(self) -> list[str]:
        """The protocol ids, in a stable order, without parsing any file."""
        if self._ids is None:
            if not self.clause_dir.is_dir():
                raise DataError(self.clause_dir, "the clause data folder is missing; reinstall protocol")
            bundled = {p.stem for p in self.clause_dir.glob("*.toml")}
            self._ids = sorted(bundled | set(self.overlay_ids("clauses")))
        return self._ids

    def protocol(self, protocol_id: str) -> Protocol:
        """A protocol by id, as people type it (`Thanet`, `Epsom Ewell`); NotFound names near ids."""
        if protocol_id not in self._protocols:
            ids = self.protocol_ids()
            protocol_id = canonical(protocol_id, ids)
        if protocol_id not in self._protocols:
            if protocol_id not in ids:
                raise NotFound(unknown("protocol", protocol_id, ids))
            bundled = self.clause_dir / f"{protocol_id}.toml"
            local = self.overlay_file("clauses", protocol_id)
            if local is None:
                self._protocols[protocol_id] = load_protocol(bundled)
            else:
                try:
                    self._protocols[protocol_id] = load_protocol(local)
                except DataError as exc:
                    if self.strict or not bundled.is_file():
                        raise
                    self.report(exc)
                    self._protocols[protocol_id] = load_protocol(bundled)
        return self._protocols[protocol_id]

    def protocols(self) -> list[Protocol]:
        """Every protocol; outside strict mode a broken local one is reported and left out."""
        out = []
        for pid in self.protocol_ids():
            try:
                out.append(self.protocol(pid))
            except DataError as exc:
                if self.strict or self.overlay_file("clauses", pid) is None:
                    raise
                self.report(exc)
        return out

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            from protocol_cli.sources.scenarios import Catalogue

            self._catalogue = Catalogue(self.root, self.protocol_ids(), library=self)
        return self._catalogue

    def scenario_file(self, scenario_id: str) -> ScenarioFile:
        return self.catalogue.file(scenario_id)

    def scenario(self, scenario_id: str) -> Scenario:
        return self.catalogue.get(scenario_id)

    def table(self, scenario_id: str, protocol_id: str) -> tuple[Scenario, Table, Protocol]:
        """A scenario's rule table for one protocol, its citations checked against that protocol."""
        from protocol_cli.sources.scenarios import check_against

        file = self.scenario_file(scenario_id)
        protocol = self.protocol(protocol_id)
        table = file.scenario.tables.get(protocol_id)
        if table is None:
            raise NotFound(
                f"The scenario '{scenario_id}' has no rules for {protocol_id} yet; draft them from a similar "
                f"protocol with: protocol --data-dir DIR data draft {protocol_id} (then review them with "
                f"protocol data review {protocol_id})"
            )
        if (scenario_id, protocol_id) not in self._checked:
            check_against(file, protocol)
            self._checked.add((scenario_id, protocol_id))
        return file.scenario, table, protocol

    def clause(self, ref: str, label: str | None = None) -> tuple[Protocol, Clause]:
        """Find a clause by 'protocol:label' (or protocol and label given apart)."""
        protocol_id, label = split_ref(ref, label)
        protocol = self.protocol(protocol_id)
        clause = protocol.clause(label)
        if clause is None:
            raise NotFound(
                unknown("clause", label, [c.label for c in protocol.clauses], where=protocol_id, ids=True)
            )
        return protocol, clause


def split_ref(ref: str, label: str | None = None) -> tuple[str, str]:
    if label is not None:
        return ref.strip(), label.strip()
    if ":" not in ref:
        raise NotFound(f"'{ref}' is not a clause reference; write it as PROTOCOL:LABEL, e.g. thanet:9.1.12")
    protocol_id, _, label = ref.partition(":")
    return protocol_id.strip(), label.strip()


# --- loading and checking one file ----------------------------------------------------------

_PROTOCOL_KEYS = {
    "id": str,
    "council": str,
    "title": str,
    "seed_file": str,
    "seed_sha256": str,
}
_PROTOCOL_OPTIONAL = {
    "council_note": str,
    "date": str,
    "date_note": str,
    "labels": str,
    "title_lines": list,
    "furniture": list,
    "roles": dict,
    "seek_advice": list,
    "seek_advice_note": str,
}
_SECTION_KEYS = {"label": str, "title": str}
_SECTION_OPTIONAL = {"parent": str, "assigned": bool, "note": str}
_CLAUSE_KEYS = {"label": str, "section": str, "kind": str, "text": str}
_CLAUSE_OPTIONAL = {
    "parent": str,
    "assigned": bool,
    "printed_label": str,
    "note": str,
    "corrections": list,
    "uncited": str,
}


def load_protocol(path: Path) -> Protocol:
    from protocol_cli.base import tomlcache

    raw, text, data = tomlcache.load_file(path)
    return _build(path, text, data, raw)


class _Where:
    """Line numbers for messages, found only when a message needs one."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def nth(self, pattern: str, n: int) -> int | None:
        rx = re.compile(pattern)
        seen = -1
        for number, line in enumerate(self.text.splitlines(), start=1):
            if rx.search(line):
                seen += 1
                if seen == n:
                    return number
        return None

    def key(self, key: str) -> int | None:
        return self.nth(rf"^\s*{re.escape(key)}\s*=", 0)

    def error(self, message: str, line: int | None) -> DataError:
        return DataError(self.path, message, line)


Locate = Callable[[], "int | None"]


def _check_table(
    table: Any, required: dict[str, type], optional: dict[str, type], what: str, where: _Where, line: Locate
) -> None:
    if not isinstance(table, dict):
        raise where.error(f"{what} must be a table", line())
    for key, typ in required.items():
        if key not in table:
            raise where.error(f"{what} has no '{key}'", line())
        if not isinstance(table[key], typ):
            raise where.error(f"{what}: '{key}' must be a {typ.__name__}", line())
    for key, value in table.items():
        if key in required:
            continue
        if key not in optional:
            raise where.error(
                f"{what}: unknown key '{key}' (known: {', '.join([*required, *optional])})", line()
            )
        if not isinstance(value, optional[key]):
            raise where.error(f"{what}: '{key}' must be a {optional[key].__name__}", line())


def _build(path: Path, text: str, data: dict[str, Any], raw: bytes) -> Protocol:
    where = _Where(path, text)
    if data.get("schema") != 1:
        raise where.error("'schema = 1' is missing or has another value", where.key("schema"))
    meta = data.get("protocol")
    _check_table(
        meta, _PROTOCOL_KEYS, _PROTOCOL_OPTIONAL, "[protocol]", where, lambda: where.nth(r"^\[protocol\]", 0)
    )
    if re.search(r"[/\\]|^\.\.?$", meta["seed_file"]):  # a name for the record, never a path to open
        raise where.error(
            f"seed_file '{meta['seed_file']}' must be a file name, not a path", where.key("seed_file")
        )
    if meta["id"] != path.stem or not PROTOCOL_ID_RE.match(meta["id"]):
        raise where.error(
            f"protocol id '{meta['id']}' must match the file name '{path.stem}'", where.key("id")
        )

    sections: dict[str, Section] = {}
    for n, entry in enumerate(data.get("section", [])):

        def line(n: int = n) -> int | None:
            return where.nth(r"(^\[\[section\]\]|^\s*\{\s*label\s*=)", n)

        _check_table(entry, _SECTION_KEYS, _SECTION_OPTIONAL, f"section {n + 1}", where, line)
        if entry["label"] in sections:
            raise where.error(f"section label '{entry['label']}' is used twice", line())
        sections[entry["label"]] = Section(
            label=entry["label"],
            title=entry["title"],
            parent=entry.get("parent"),
            assigned=entry.get("assigned", False),
            note=entry.get("note"),
        )
    for section in sections.values():
        if section.parent is not None and section.parent not in sections:
            raise where.error(f"section '{section.label}' names an unknown parent '{section.parent}'", None)

    clauses: list[Clause] = []
    seen: dict[str, int] = {}
    entries = data.get("clause")
    if not isinstance(entries, list) or not entries:
        raise where.error("has no [[clause]] entries", None)
    for n, entry in enumerate(entries):

        def line(n: int = n) -> int | None:
            return where.nth(r"^\[\[clause\]\]", n)

        what = f"clause {n + 1}" + (
            f" ({entry.get('label')})" if isinstance(entry, dict) and "label" in entry else ""
        )
        _check_table(entry, _CLAUSE_KEYS, _CLAUSE_OPTIONAL, what, where, line)
        label = entry["label"]
        if not LABEL_RE.match(label):
            raise where.error(
                f"{what}: label '{label}' is not a valid label (e.g. 9.1.12, 8.1.7(a), 11.3.p1)", line()
            )
        key = label_key(label)
        if key in seen:
            raise where.error(f"{what}: label '{label}' is already used by clause {seen[key] + 1}", line())
        seen[key] = n
        if entry["section"] not in sections:
            raise where.error(f"{what}: unknown section '{entry['section']}'", line())
        if entry["kind"] not in KINDS:
            raise where.error(f"{what}: kind '{entry['kind']}' is not one of {', '.join(KINDS)}", line())
        if not entry["text"].strip():
            raise where.error(f"{what}: text is empty", line())
        corrections = []
        for c in entry.get("corrections", []):
            if not isinstance(c, dict) or not all(
                isinstance(c.get(k), str) for k in ("printed", "corrected", "reason")
            ):
                raise where.error(f"{what}: each correction needs printed, corrected and reason", line())
            corrections.append(Correction(c["printed"], c["corrected"], c["reason"]))
        clauses.append(
            Clause(
                protocol=meta["id"],
                label=label,
                section=entry["section"],
                heading=sections[entry["section"]].heading,
                kind=entry["kind"],
                text=entry["text"],
                parent=entry.get("parent"),
                assigned=entry.get("assigned", False),
                printed_label=entry.get("printed_label"),
                note=entry.get("note"),
                corrections=tuple(corrections),
                uncited=entry.get("uncited"),
            )
        )
    labels = {c.label for c in clauses}
    for n, clause in enumerate(clauses):
        if clause.parent is not None and clause.parent not in labels:
            raise where.error(
                f"clause {clause.label}: unknown parent '{clause.parent}'", where.nth(r"^\[\[clause\]\]", n)
            )

    roles: dict[str, Role] = {}
    for key, entry in meta.get("roles", {}).items():
        pattern = rf"^\[protocol\.roles\.{re.escape(key)}\]"
        if not ROLE_KEY_RE.match(key):
            raise where.error(f"role key '{key}' must be lower_case_words", where.nth(pattern, 0))
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("name"), str)
            or not isinstance(entry.get("cite"), str)
        ):
            raise where.error(f"role '{key}' needs a name and a cite", where.nth(pattern, 0))
        if entry["cite"] not in labels:
            raise where.error(f"role '{key}' cites unknown clause '{entry['cite']}'", where.nth(pattern, 0))
        roles[key] = Role(key, entry["name"], entry["cite"])
    seek_advice = meta.get("seek_advice", [])
    for label in seek_advice:
        if label not in labels:
            raise where.error(f"seek_advice names unknown clause '{label}'", where.key("seek_advice"))

    return Protocol(
        id=meta["id"],
        council=meta["council"],
        title=meta["title"],
        seed_file=meta["seed_file"],
        seed_sha256=meta["seed_sha256"],
        data_version=hashlib.sha256(raw).hexdigest()[:12],
        path=str(path),
        labels_note=meta.get("labels", ""),
        date=meta.get("date"),
        date_note=meta.get("date_note"),
        council_note=meta.get("council_note"),
        roles=roles,
        seek_advice=tuple(seek_advice),
        sections=sections,
        clauses=tuple(clauses),
    )


_default: Library | None = None
DATA_DIR_ENV = "PROTOCOL_DATA_DIR"


def data_dir(create: bool = False) -> Path | None:
    """The local data folder (--data-dir or PROTOCOL_DATA_DIR), checked to be a folder.

    With `create` (commands that write new data files into it) a folder that does not exist yet is
    made. Raises ProtocolError when the path is not a folder or cannot be made.
    """
    import os

    value = os.environ.get(DATA_DIR_ENV, "").strip()
    if not value:
        return None
    path = Path(value).expanduser()
    if create and not path.exists():
        try:
            path.mkdir(parents=True)
        except OSError as exc:
            from protocol_cli.base.errors import ProtocolError

            raise ProtocolError(f"cannot make the data folder {path}: {exc.strerror or exc}") from exc
    if not path.is_dir():
        from protocol_cli.base.errors import ProtocolError

        raise ProtocolError(
            f"the data folder {path} (--data-dir or {DATA_DIR_ENV}) is not a folder; give a folder "
            "holding clauses/ and/or scenarios/"
        )
    return path


def version_lines() -> list[str]:
    """What `protocol --version` prints after the tool's version: the data fingerprint (the first 12
    hex digits of a SHA-256 over every data file, bundled and local, so two desks can tell they
    answer from the same data) and each protocol's id, stated date and clause-file version.

    Reads the files' bytes only (no TOML parsing): the date is the clause file's top-level `date`.
    """
    import hashlib
    import re

    lib = default_library()
    digest = hashlib.sha256()
    roots = [lib.root, *([lib.overlay] if lib.overlay is not None else [])]
    clause_files: dict[str, bytes] = {}
    for root in roots:
        for path in sorted(root.glob("*/*.toml")):
            raw = path.read_bytes()
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + raw)
            if path.parent.name == "clauses":
                clause_files[path.stem] = raw  # (a local file replaces the bundled one)
    lines = [f"data {digest.hexdigest()[:12]} ({', '.join(str(r) for r in roots)})"]
    for pid in sorted(clause_files):
        raw = clause_files[pid]
        head = raw.split(b"[[clause]]", 1)[0]
        found = re.search(rb'^date = "([^"]*)"', head, re.M)
        date = found.group(1).decode("utf-8", "replace") if found else "no date stated"
        lines.append(f"  {pid:<20} {date:<16} clauses {hashlib.sha256(raw).hexdigest()[:12]}")
    return lines


def default_library() -> Library:
    """The bundled data (with the local data folder over it, if any), loaded once per process."""
    global _default
    if _default is None:
        _default = Library(bundled_data_root(), data_dir())
    return _default


def _warn_stderr(message: str) -> None:
    import sys

    sys.stderr.write(message + "\n")


def use_library(library: Library | None) -> None:
    """Point the program at another data folder (tests use this for broken fixtures)."""
    global _default
    _default = library
