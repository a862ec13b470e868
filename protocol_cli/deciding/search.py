"""Clause search: stemmed words and phrases, ranked by BM25, with the matched words located.

Pure: takes clauses, returns hits. Words are stemmed (Porter2), so "copy" finds "copies" and
"copying"; a phrase ("blind copies") must appear as consecutive words, punctuation aside.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

from protocol_cli.deciding.model import Clause

WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")

# Words that carry no meaning in a question ("can I copy this email?"); dropped from queries only.
STOPWORDS = frozenset(
    """a an and are as at be by can could do does for from has have how i if in is it its may me my
    of on or our should so that the their them they this to was we what when where which who why
    will with would you your""".split()
)

K1 = 1.2
B = 0.75


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer  # PyStemmer

    return Stemmer.Stemmer("english")


@cache
def stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return _stemmer().stemWord(word)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) for each word of text."""
    return [(stem(m.group()), m.start(), m.end()) for m in WORD_RE.finditer(text)]


class Query:
    __slots__ = ("phrases", "synonyms", "terms", "text")

    def __init__(
        self,
        terms: tuple[str, ...],
        phrases: tuple[tuple[str, ...], ...],
        text: str,
        synonyms: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] | None = None,
    ) -> None:
        self.terms = terms  # stems of single words
        self.phrases = phrases  # stems of each phrase's words
        self.text = text
        # a word or phrase -> every word or phrase that counts as it (data/matching/synonyms.toml)
        self.synonyms = synonyms or {}

    @property
    def empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def all_stems(self) -> set[str]:
        return set(self.terms) | {s for p in self.phrases for s in p}

    def alternatives(self, words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """What may stand for words in a clause: words themselves first, then their synonyms."""
        return (words, *(a for a in self.synonyms.get(words, ()) if a != words))


def parse_query(words: Sequence[str], synonyms: dict[str, str] | None = None) -> Query:
    """Words as typed. A "quoted phrase", or one argument holding spaces, is a phrase.

    synonyms ({stemmed word or phrase: group}, protocol_cli.sources.ranker.synonym_table): a word or
    phrase of a group also matches any other of that group ("bcc" finds "blind copies")."""
    joined = " ".join(words)
    phrases: list[tuple[str, ...]] = []
    terms: list[str] = []

    def add_phrase(text: str) -> None:
        stems = tuple(s for s, _, _ in tokens(text))
        if len(stems) > 1:
            phrases.append(stems)
        elif stems:
            terms.append(stems[0])

    for word in words:
        rest = word
        for quoted in re.findall(r'"([^"]*)"', word):
            add_phrase(quoted)
        rest = re.sub(r'"[^"]*"', " ", word).replace('"', " ")
        if " " in rest.strip() and '"' not in word:
            add_phrase(rest)
            continue
        for m in WORD_RE.finditer(rest):
            if m.group().lower() not in STOPWORDS:
                terms.append(stem(m.group()))
    terms = list(dict.fromkeys(terms))
    phrases = list(dict.fromkeys(phrases))
    expand: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    if synonyms:
        groups: dict[str, list[tuple[str, ...]]] = {}
        for key, group in synonyms.items():
            groups.setdefault(group, []).append(tuple(key.split()))
        for words_ in [*((t,) for t in terms), *phrases]:
            group = synonyms.get(" ".join(words_))
            if group is not None:
                expand[words_] = tuple(groups[group])
    return Query(tuple(terms), tuple(phrases), joined, expand)


class Hit:
    __slots__ = ("clause", "score", "spans")

    def __init__(self, clause: Clause, score: float, spans: list[tuple[int, int]]) -> None:
        self.clause = clause
        self.score = score
        self.spans = spans  # matched words in clause.text


class _Doc:
    __slots__ = ("clause", "counts", "length", "toks")

    def __init__(
        self, clause: Clause, toks: list[tuple[str, int, int]], counts: Counter[str], length: int
    ) -> None:
        self.clause = clause
        self.toks = toks
        self.counts = counts
        self.length = length


@cache
def _doc(clause: Clause) -> _Doc:
    toks = tokens(clause.text)
    head = [s for s, _, _ in tokens(clause.heading)]
    counts = Counter(s for s, _, _ in toks)
    counts.update(head)  # a heading word counts once, so "correspondence" finds that section
    return _Doc(clause, toks, counts, len(toks) + len(head))


def _has_phrase(stems: list[str], phrase: tuple[str, ...]) -> list[int]:
    n = len(phrase)
    return [i for i in range(len(stems) - n + 1) if tuple(stems[i : i + n]) == phrase]


def _find(doc: _Doc, stems: list[str], words: tuple[str, ...], heading_counts: bool) -> list[int] | None:
    """Where words occur in the clause (word indexes), or None when they do not. A single word
    found only in the heading is found (at no index) when heading_counts."""
    if len(words) == 1:
        at = [i for i, s in enumerate(stems) if s == words[0]]
        return at if at or (heading_counts and doc.counts[words[0]]) else None
    return _has_phrase(stems, words) or None


def search(clauses: Iterable[Clause], query: Query, *, require_all: bool = True) -> list[Hit]:
    """Clauses matching the query, best first. With require_all, every word and phrase must occur
    (a word or phrase also occurs where one of its synonyms does)."""
    docs = [_doc(clause) for clause in clauses]
    if not docs or query.empty:
        return []
    avg = sum(d.length for d in docs) / len(docs)
    df = Counter(s for d in docs for s in d.counts)
    n_docs = len(docs)

    def idf(term: str) -> float:
        return math.log(1 + (n_docs - df[term] + 0.5) / (df[term] + 0.5))

    def first_found(stems: list[str], doc: _Doc, words: tuple[str, ...], heading: bool):  # type: ignore[no-untyped-def]
        for alt in query.alternatives(words):
            at = _find(doc, stems, alt, heading)
            if at is not None:
                return alt, at
        return None

    hits = []
    for doc in docs:
        stems = [s for s, _, _ in doc.toks]
        phrase_found = [first_found(stems, doc, p, False) for p in query.phrases]
        if any(found is None for found in phrase_found):
            continue
        term_found = [found for t in query.terms if (found := first_found(stems, doc, (t,), True))]
        if require_all and len(term_found) < len(query.terms):
            continue
        if not term_found and not query.phrases:
            continue
        matched = [*term_found, *(f for f in phrase_found if f is not None)]
        score = 0.0
        for alt, _ in matched:
            for term in alt:
                tf = doc.counts[term]
                score += idf(term) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * doc.length / avg))
        score *= (1 + len(term_found)) / (1 + len(query.terms))  # clauses with more of the words first
        spans = []
        for alt, starts in matched:
            for i in starts:
                spans.append((doc.toks[i][1], doc.toks[i + len(alt) - 1][2]))
        hits.append(Hit(doc.clause, score, sorted(set(spans))))
    hits.sort(key=lambda h: -h.score)
    return hits
