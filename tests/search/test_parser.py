from __future__ import annotations

import pytest

from ecoc_hub.search.parser import MAX_ITEMS, parse


def texts(groups):
    return [[leaf.text for leaf in group] for group in groups]


def test_words_are_anded():
    parsed = parse("audience legacy")

    assert texts(parsed.groups) == [["audience"], ["legacy"]]
    assert parsed.excluded == []


def test_quoted_words_form_a_phrase():
    parsed = parse('"digital programming" legacy')

    assert texts(parsed.groups) == [["digital programming"], ["legacy"]]
    assert ("digit", "program") in parsed.groups[0][0].alternatives


def test_minus_excludes_a_word_and_a_phrase():
    parsed = parse('culture -tourism -"mass events"')

    assert texts(parsed.groups) == [["culture"]]
    assert [leaf.text for leaf in parsed.excluded] == ["tourism", "mass events"]


def test_or_joins_the_terms_on_both_sides():
    parsed = parse("audience tourists OR visitors legacy")

    assert texts(parsed.groups) == [["audience"], ["tourists", "visitors"], ["legacy"]]


def test_or_after_an_exclusion_does_not_join_with_an_earlier_term():
    parsed = parse("culture -tourism OR visitors")

    assert texts(parsed.groups) == [["culture"], ["visitors"]]
    assert [leaf.text for leaf in parsed.excluded] == ["tourism"]


def test_lower_case_or_is_a_stop_word_not_an_operator():
    parsed = parse("tourists or visitors")

    assert texts(parsed.groups) == [["tourists"], ["visitors"]]


def test_stop_words_alone_are_dropped():
    parsed = parse("the of la der")

    assert parsed.is_empty is True


def test_a_word_with_punctuation_inside_becomes_a_phrase():
    parsed = parse("e-mail")

    assert ("e", "mail") in parsed.groups[0][0].alternatives


@pytest.mark.parametrize(
    ("query", "groups", "excluded"),
    [
        ("", [], []),
        ("   ", [], []),
        ('"', [], []),
        ('"""', [], []),
        ('"unbalanced phrase', [["unbalanced phrase"]], []),
        ("-", [], []),
        ("- -- ---", [], []),
        ('-"', [], []),
        ("OR", [], []),
        ("OR OR audience OR", [["audience"]], []),
        ("audience OR", [["audience"]], []),
        ("(audience AND legacy)", [["(audience"], ["legacy)"]], []),
        ("NEAR(a b)", [["NEAR(a"], ["b)"]], []),
        ("col:value", [["col:value"]], []),
        ("^start* {x} [y]", [["^start*"], ["{x}"]], []),
        (
            "'; DROP TABLE search_searchdocument; --",
            [["DROP"], ["TABLE"], ["search_searchdocument;"]],
            [],
        ),
        ("\x00\x01\x1f", [], []),
        ("💥🎭", [], []),
        ("+plus", [["plus"]], []),
        ('-"" x', [["x"]], []),
    ],
)
def test_nasty_input_parses_to_plain_terms(query, groups, excluded):
    parsed = parse(query)

    assert texts(parsed.groups) == groups
    assert [leaf.text for leaf in parsed.excluded] == excluded


def test_every_token_is_made_of_word_characters_only():
    parsed = parse('"a\'b" c*d -e(f) OR g:h ^i \\j /k')

    tokens = parsed.highlight_tokens | {
        t for leaf in parsed.excluded for t in leaf.tokens
    }
    assert all(token.isalnum() for token in tokens) is True


def test_very_long_query_is_cut_to_a_bounded_number_of_terms():
    parsed = parse(" ".join(f"word{i}" for i in range(1000)))

    assert len(parsed.groups) == MAX_ITEMS
