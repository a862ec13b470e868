"""The layouts councils publish, read into the plain numbered lines the segmenter reads.

A protocol's text reaches us pasted from a web page, saved from Word ("Save as Plain Text") or
extracted from a PDF. Each leaves its own marks: non-breaking spaces and tabs after numbers,
a number alone on its line with the paragraph after it, lines hard-wrapped at the page width
with words hyphenated across them, running page headers and page numbers, a site's navigation
around the text, bullets drawn as glyphs. `normalise` undoes those marks and returns one
logical line per heading, paragraph or item, each with the source line it started on, the
lines it left out (and why), and where a paragraph ran across a page break.

    normalise(text) -> Normalised(lines, source_line, left_out, page_breaks)

The segmenter (importer.segment) then labels the lines; `check_spots` lists the places a
person should look at (a gap or restart in the numbering, a paragraph joined across a page).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u00ad\ufeff\u2060]")
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
DATE_LINE = re.compile(rf"^(?:\w+day,?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}\.?$", re.I)
# what a council website puts around the text of a page (saved as text or as HTML)
WEB_FURNITURE = re.compile(
    r"^(?:skip to (?:main )?content|skip to navigation|jump to content|main menu|menu|search|"
    r"search this site|you are here:?.*|home\s*(?:[>›»/|]\s*.+)|.+\s[>›»]\s.+\s[>›»]\s.+|"
    r"last (?:updated|modified|reviewed)\b.*|page last (?:updated|modified|reviewed)\b.*|"
    r"help us improve this page.*|was this page (?:useful|helpful)\??.*|is this page useful\??.*|"
    r"in this section:?|related (?:pages|links|content|documents):?|share this page.*|"
    r"print this page|back to top|accessibility(?: statement)?|cookies?(?: policy| settings)?|"
    r"privacy(?: notice| policy)?|contact us|sitemap|site map|follow us.*|"
    r"(?:©|copyright)\s.*|report a problem with this page|tell us what you think.*|yes\s*/\s*no)$",
    re.I,
)
PAGE_NUMBER = re.compile(r"^(?:page\s+\d+(?:\s+of\s+\d+)?|-\s*\d+\s*-|\d+\s*/\s*\d+|\d+\s+of\s+\d+)$", re.I)
BARE_NUMBER = re.compile(r"^\d{1,3}$")
LABEL_ALONE = re.compile(r"^(\d+(?:\.\d+)*)\.?$")
ITEM_ALONE = re.compile(r"^(\((?:[a-z]|[ivxlc]+|\d+)\)|[a-z]\)|[a-z]\.)$")
GLYPH = re.compile(r"^[•●▪■◦○·‣⁃∙➢➤►▶✓✔\uf0b7\uf0a7\uf0d8]\s*")
DASH_BULLET = re.compile(r"^[–—*]\s+")
ITEM = re.compile(r"^(\((?:[a-z]|[ivxlc]+|\d+)\)(?:\([ivxlc]+\))?|[a-z]\)|[ivxlc]+\)|\d+\)|[a-z]\.)\s+\S")
NUMBER_START = re.compile(r"^(\d+(?:\.\d+)+|\d+\.(?=\s))\s+")
LABEL_IN_LINE = re.compile(r"(?<=[.;:!?)”\"])\s+(\d+(?:\.\d+)+)\s+(?=[A-Z“\"‘'(])")
TERMINAL = (".", ":", ";", "?", "!", "”", '"', "’")


@dataclass
class Normalised:
    lines: list[str]
    source_line: list[int]  # 1-based line of the source each logical line starts on
    left_out: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, why)
    page_breaks: list[int] = field(default_factory=list)  # source lines where a paragraph ran on
    notes: list[str] = field(default_factory=list)

    def line_of(self, index: int) -> int:
        """The source line of logical line `index` (1-based, as the segmenter counts)."""
        if 1 <= index <= len(self.source_line):
            return self.source_line[index - 1]
        return index


def clean_line(line: str) -> str:
    """One raw line with its invisible characters gone, odd spaces made plain and a tab after a
    leading number or bullet made a space (what Word's "Save as Plain Text" writes)."""
    line = INVISIBLE.sub("", SPACES.sub(" ", line)).rstrip()
    m = re.match(
        r"^(\s*)(\([\da-zA-Z]{1,6}\)|[\dA-Za-z]{1,4}(?:\.\d+)*[.)]?|[•●▪■◦○·‣⁃∙–\-\uf0b7\uf0a7])\t+", line
    )
    if m:
        line = m.group(1) + m.group(2) + " " + line[m.end() :].lstrip("\t")
    return line


def _label_parts(label: str) -> list[int]:
    return [int(p) for p in label.rstrip(".").split(".") if p.isdigit()]


def plausible_next(prev: str | None, label: str) -> bool:
    """Whether `label` can follow `prev` in a numbering (1.2 after 1.1, 2.1 after 1.4, 1.2.1 after
    1.2, 3 after 2): a number that cannot is text that happens to start a line."""
    new = _label_parts(label)
    if not new:
        return False
    if prev is None:
        return (new[0] <= 2 and all(p <= 1 for p in new[1:])) or len(new) == 1
    old = _label_parts(prev)
    for depth in range(min(len(old), len(new))):
        if new[:depth] == old[:depth] and new[depth] == old[depth] + 1:
            return all(p in (0, 1) for p in new[depth + 1 :])
    return len(new) == len(old) + 1 and new[: len(old)] == old and new[-1] in (0, 1)


def _wrap_width(lines: list[str]) -> int | None:
    """The width lines were hard-wrapped at (a PDF's or an e-mail's), or None if they were not:
    most long lines end within a few characters of one width."""
    lengths = sorted(len(x) for x in lines if len(x.strip()) > 25)
    if len(lengths) < 12:
        return None
    width = lengths[int(len(lengths) * 0.95) - 1]
    if width > 160:
        return None
    near = sum(1 for n in lengths if min(width - 18, width * 0.8) <= n <= width + 2)
    return width if near >= len(lengths) * 0.45 else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _blank_separated(lines: list[str], width: int) -> bool:
    """Wrapped text that puts a blank line after each paragraph (pdftotext, a PDF's layout
    text): a short line is followed by a blank line far more often than by more text."""
    then_text = then_blank = 0
    for line, after in itertools.pairwise(lines):
        if line.strip() and len(line.rstrip()) <= width * 0.75:
            if after.strip():
                then_text += not _structural(after)
            else:
                then_blank += 1
    return then_blank > 3 * then_text


def _structural(line: str) -> bool:
    body = line.strip()
    return bool(
        NUMBER_START.match(body)
        or LABEL_ALONE.match(body)
        or ITEM.match(body)
        or GLYPH.match(body)
        or DASH_BULLET.match(body)
        or body.startswith("- ")
        or body.startswith("#")
    )


def _furniture(raw: list[str]) -> dict[int, str]:
    """Lines to leave out (index -> why): a site's navigation, page numbers, running headers."""
    out: dict[int, str] = {}
    stripped = [x.strip() for x in raw]
    counts: dict[str, int] = {}
    for x in stripped:
        if x:
            key = re.sub(r"\d+", "#", x.lower())
            counts[key] = counts.get(key, 0) + 1
    for i, x in enumerate(stripped):
        if not x:
            continue
        if WEB_FURNITURE.match(x) and not _structural(x):
            out[i] = "web page furniture"
        elif PAGE_NUMBER.match(x):
            out[i] = "page number"
        elif (
            counts[re.sub(r"\d+", "#", x.lower())] >= 3
            and len(x.split()) <= 15
            and not x.endswith((".", ":", ";"))
            and not NUMBER_START.match(x)
            and not LABEL_ALONE.match(x)
        ):
            out[i] = "running page header or footer"
    # a bare number beside a running header or footer is a page number, not a paragraph's
    for i, x in enumerate(stripped):
        if i in out or not BARE_NUMBER.match(x):
            continue
        near = [j for j in range(max(0, i - 3), min(len(raw), i + 4)) if j != i and stripped[j]]
        if any(out.get(j) in ("running page header or footer", "page number") for j in near):
            out[i] = "page number"
    return out


def _dehyphenate(head: str, tail: str, vocabulary: set[str]) -> str:
    """`head` ends in a hyphen at a line break: rejoin with `tail` as one word ("particu-" +
    "larly"), keeping the hyphen where the text spells the word with one ("co-" + "opted")."""
    first = re.search(r"(\w+)-$", head)
    second = re.match(r"(\w+)", tail)
    if first and second:
        joined = (first.group(1) + second.group(1)).lower()
        hyphened = f"{first.group(1)}-{second.group(1)}".lower()
        if hyphened in vocabulary and joined not in vocabulary:
            return head + tail
        if second.group(1)[:1].isupper():
            return head + tail
        return head[:-1] + tail
    return head + tail


def normalise(text: str) -> Normalised:
    """The text as one logical line per heading, paragraph or item (see the module docstring)."""
    raw = [clean_line(x) for x in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    result = Normalised([], [])
    drop = _furniture(raw)
    for i, why in sorted(drop.items()):
        result.left_out.append((i + 1, raw[i].strip(), why))
    kept = [(i, raw[i]) for i in range(len(raw)) if i not in drop]
    width = _wrap_width([x for _, x in kept])
    blocks = width is not None and _blank_separated([x for _, x in kept], width)
    vocabulary = {w.lower() for _, x in kept for w in re.findall(r"\w+(?:-\w+)*", x)}
    if width:
        result.notes.append(f"the text is hard-wrapped at {width} characters; wrapped lines were rejoined")

    logical: list[list] = []  # [text, first source index, last physical line]
    last_label: str | None = None
    gap = False  # blank lines since the last kept line
    furniture_gap = False  # left-out furniture since the last kept line
    prev_index = -1
    for i, line in kept:
        body = line.strip()
        if any(j in drop for j in range(prev_index + 1, i)):
            furniture_gap = True
        prev_index = i
        if not body:
            gap = True
            continue
        prev = logical[-1] if logical else None
        dedent = bool(width) and prev is not None and _indent(line) < _indent(prev[2])
        if (
            prev is not None
            and not dedent
            and _continues(prev[0], prev[2], body, width, gap, last_label, furniture_gap, blocks)
        ):
            if furniture_gap:
                result.page_breaks.append(i + 1)
            if re.search(r"\w-$", prev[0]):
                prev[0] = _dehyphenate(prev[0], body, vocabulary)
            else:
                prev[0] = f"{prev[0]} {body}"
            prev[2] = line
        else:
            logical.append([body, i, line])
            m = NUMBER_START.match(body) or LABEL_ALONE.match(body)
            if m:
                last_label = m.group(1).rstrip(".")
        gap = False
        furniture_gap = False

    lines: list[str] = []
    source: list[int] = []
    k = 0
    while k < len(logical):
        body, start = logical[k][0], logical[k][1]
        alone = LABEL_ALONE.match(body) or ITEM_ALONE.match(body) or GLYPH.fullmatch(body.strip())
        if alone and k + 1 < len(logical) and not _structural(logical[k + 1][0]):
            body = (
                f"{body.rstrip()} {logical[k + 1][0]}"
                if not GLYPH.fullmatch(body)
                else f"- {logical[k + 1][0]}"
            )
            k += 1
        for part in _split_labels(body):
            lines.append(_canonical(part))
            source.append(start + 1)
        k += 1
    result.lines, result.source_line = lines, source
    return result


def _continues(
    prev: str,
    physical: str,
    body: str,
    width: int | None,
    gap: bool,
    last_label: str | None,
    paged: bool,
    blocks: bool = False,
) -> bool:
    """Whether line `body` carries on the paragraph in `prev` (a wrapped or page-split line).

    `physical` is the last source line of `prev`; `width` the wrap width (None: not wrapped);
    `gap` a blank line came between; `paged` left-out page furniture came between; `blocks`
    the wrapped text puts a blank line after every paragraph."""
    m = NUMBER_START.match(body)
    if m and plausible_next(last_label, m.group(1).rstrip(".")):
        return False
    if m is None and _structural(body):
        return False
    if DATE_LINE.match(body) or DATE_LINE.match(prev):
        return False
    if LABEL_ALONE.match(prev) or ITEM_ALONE.match(prev) or GLYPH.fullmatch(prev):
        return False
    starts_lower = body[:1].islower()
    ended = prev.rstrip().endswith(TERMINAL)
    if re.search(r"\w-$", prev):
        return starts_lower or bool(width)
    if width and paged and blocks:
        return starts_lower or not (
            ended or _heading_like(prev)
        )  # a page break seldom ends a paragraph mid-sentence
    if width and (not gap or paged):
        words = body.split()
        reach = len(physical.rstrip()) + 1 + len(words[0] if words else "")
        # with a blank line after each paragraph, a missing one is rare: only a clearly short
        # line is a paragraph's last (a proportional font fits more or fewer characters a line)
        full = reach > (width * 0.85 if blocks else width)
        if m is not None and (ended or not full):
            return False  # a number after a finished sentence or a short line starts a paragraph
        if full:
            return True  # the line before was full: the paragraph wrapped
        if _heading_like(prev) and not starts_lower:
            return False
        if paged:
            return not ended or starts_lower  # a page break seldom ends a paragraph mid-sentence
        if blocks and not ended:
            return True  # a blank line ends each paragraph: an unfinished line carries on
        return starts_lower and not ended
    if not ended and (starts_lower or (body[:1].isdigit() and not gap)):
        return True  # "... within" / "10 working days." : one sentence over two lines
    if _heading_like(prev):
        return False
    if paged:
        return not ended
    if gap:
        return starts_lower and not ended
    return (starts_lower or m is not None) and not ended


def _heading_like(text: str) -> bool:
    body = NUMBER_START.sub("", text.strip(), count=1)
    body = re.sub(r"^#+\s*", "", body).strip("* ")
    return 0 < len(body.split()) <= 12 and not body.endswith((*TERMINAL, ",")) and body[:1].isupper()


def _split_labels(body: str) -> list[str]:
    """A line holding two numbered paragraphs ("1.2 This … 1.3 The …") as two lines: only where
    the second number follows the first (1.3 after 1.2), so "section 2.3 of the Code" stays."""
    m = NUMBER_START.match(body)
    if not m:
        return [body]
    label = m.group(1).rstrip(".")
    parts: list[str] = []
    start = 0
    for hit in LABEL_IN_LINE.finditer(body, m.end()):
        if plausible_next(label, hit.group(1)) and _label_parts(hit.group(1))[:1] == _label_parts(label)[:1]:
            parts.append(body[start : hit.start()].strip())
            start = hit.start(1)
            label = hit.group(1)
    parts.append(body[start:].strip())
    return parts


def _canonical(line: str) -> str:
    """Bullets and lettered items in the one form the segmenter reads ("- (a) text")."""
    body = line.strip()
    g = GLYPH.match(body) or DASH_BULLET.match(body)
    if g:
        rest = body[g.end() :]
        return "- " + rest
    if ITEM.match(body) and not body.startswith("- "):
        return "- " + body
    return body


# --- places a person should check -----------------------------------------------------------


def check_spots(labels: list[tuple[str, int]], page_breaks: list[int]) -> list[dict[str, object]]:
    """The places to check by hand, each {"line", "label", "message"}: a numbered paragraph that
    does not follow the one before ("2.3 follows 2.1 — is 2.2 missing?", a numbering that
    restarts) and a paragraph joined across a page break."""
    spots: list[dict[str, object]] = []
    prev: str | None = None
    for label, line in labels:
        if prev is not None and not plausible_next(prev, label):
            new, old = _label_parts(label), _label_parts(prev)
            if new <= old:
                message = f"label sequence restarts: {label} follows {prev}"
            else:
                missing = _expected(prev, label)
                guess = f" — is {missing} missing?" if missing else " — is a paragraph missing?"
                message = f"{label} follows {prev}{guess}"
            spots.append({"line": line, "label": label, "message": message})
        prev = label
    for line in page_breaks:
        spots.append(
            {"line": line, "label": "", "message": "paragraph split across a page break: check the join"}
        )
    return sorted(spots, key=lambda s: int(str(s["line"])))


def _expected(prev: str, label: str) -> str | None:
    old, new = _label_parts(prev), _label_parts(label)
    if len(new) == len(old) and new[:-1] == old[:-1]:
        return ".".join(str(p) for p in [*old[:-1], old[-1] + 1])
    if len(new) >= 1 and len(old) >= 1 and new[0] > old[0] + 1:
        return str(old[0] + 1)
    return None
