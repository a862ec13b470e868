"""Clause search (pure): query parsing, and properties of the results over the real clauses."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from protocol_cli.deciding.search import WORD_RE, parse_query, search, stem, tokens
from protocol_cli.sources.library import Library, bundled_data_root

CLAUSES = [c for p in Library(bundled_data_root()).protocols() for c in p.clauses]
VOCABULARY = sorted({m.group() for c in CLAUSES for m in WORD_RE.finditer(c.text) if len(m.group()) > 3})


def test_question_words_are_dropped() -> None:
    q = parse_query(["can", "I", "copy", "this", "email?"])
    assert q.terms == (stem("copy"), stem("email"))
    assert q.phrases == ()


def test_quoted_words_and_spaced_arguments_are_phrases() -> None:
    assert parse_query(['"blind copies"']).phrases == ((stem("blind"), stem("copies")),)
    assert parse_query(["blind copies"]).phrases == ((stem("blind"), stem("copies")),)
    mixed = parse_query(['officer "political group"'])
    assert mixed.terms == (stem("officer"),)
    assert mixed.phrases == ((stem("political"), stem("group")),)


def test_word_forms_share_a_stem() -> None:
    assert stem("copy") == stem("copies") == stem("copied")
    assert stem("Members'") == stem("member")


def test_phrase_needs_the_words_together() -> None:
    hits = search(CLAUSES, parse_query(["blind copies"]))
    assert {h.clause.id for h in hits} == {"district-code:13.2", "thanet:10.2.1", "epsom-ewell:5.11"}
    apart = search(CLAUSES, parse_query(["blind", "copies"]))
    assert {h.clause.id for h in hits} <= {h.clause.id for h in apart}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3))
def test_every_hit_has_every_word_and_marks_only_matches(words: list[str]) -> None:
    query = parse_query(words)
    hits = search(CLAUSES, query)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    for hit in hits:
        present = {s for s, _, _ in tokens(hit.clause.text)} | {s for s, _, _ in tokens(hit.clause.heading)}
        assert set(query.terms) <= present
        for start, end in hit.spans:
            assert 0 <= start < end <= len(hit.clause.text)
            assert stem(hit.clause.text[start:end]) in query.all_stems


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(CLAUSES))
def test_a_clause_is_found_by_a_phrase_from_its_own_text(clause) -> None:
    words = [m.group() for m in WORD_RE.finditer(clause.text)][:4]
    if len(words) < 2:
        return
    hits = search(CLAUSES, parse_query([" ".join(words)]))
    assert clause.id in {h.clause.id for h in hits}
