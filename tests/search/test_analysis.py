from __future__ import annotations

import pytest

from ecoc_hub.search import analysis


def test_fold_removes_accents_and_special_letters():
    assert analysis.fold("Łódź Ørsted Straße Æsop Œuvre Café") == (
        "lodz orsted strasse aesop oeuvre cafe"
    )


def test_fold_applies_nfkc_and_casefold():
    assert analysis.fold("\ufb01nancement \uff21\uff22\uff23") == "financement abc"


def test_words_keep_digits_and_split_on_punctuation_and_underscore():
    assert analysis.words("ECoC-2026: l'art_urbain 3.5") == [
        "ecoc",
        "2026",
        "l",
        "art",
        "urbain",
        "3",
        "5",
    ]


def test_stop_words_are_dropped_in_the_passage_language():
    assert analysis.analyse("The city of the culture", "en") == ["citi", "cultur"]


def test_stop_words_of_another_language_are_kept():
    assert analysis.analyse("die Kultur", "en") == ["die", "kultur"]


def test_unknown_language_is_folded_but_not_stemmed():
    assert analysis.analyse("Kulttuuripääkaupunki ääni", "xx") == [
        "kulttuuripaakaupunki",
        "aani",
    ]


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("fr", ["ville", "villes"]),
        ("fr", ["culturelle", "culturels"]),
        ("de", ["Stadt", "Städte", "Städten"]),
        ("de", ["Kultur", "Kulturen"]),
        ("it", ["culturale", "culturali"]),
        ("it", ["europea", "europee"]),
        ("es", ["cultural", "culturales"]),
        ("es", ["público", "públicos"]),
        ("pl", ["miasto", "miasta", "miastach"]),
        ("pl", ["książka", "książki"]),
        ("pl", ["dziedzictwo", "dziedzictwa", "dziedzictwem"]),
        ("en", ["programme", "programmes"]),
    ],
)
def test_inflected_forms_share_one_token(language, forms):
    tokens = {analysis.analyse(form, language)[0] for form in forms}

    assert len(tokens) == 1


def test_polish_has_a_snowball_stemmer():
    assert analysis.STEMMERS["pl"] == "polish"


def test_query_word_expands_to_stems_of_every_language_and_itself():
    variants = analysis.expand_word("villes")

    assert {"villes", "vill"} <= variants


def test_phrase_expansion_drops_stop_words_per_language():
    variants = analysis.expand_phrase(["city", "of", "culture"])

    assert ("citi", "cultur") in variants
    assert ("city", "of", "culture") in variants


def test_original_words_report_offsets_in_the_original_text():
    text = "Cafe\u0301 «Łódź»"

    assert list(analysis.original_words(text)) == [(0, 5, "cafe"), (7, 11, "lodz")]


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("cs", ["kultura", "kultury", "kulturou"]),
        ("da", ["kulturen", "kultur"]),
        ("et", ["linnad", "linna", "linnas"]),
        ("el", ["πολιτισμός", "πολιτισμού", "πολιτισμοί"]),
        ("hu", ["városok", "város", "városban"]),
        ("ga", ["cultúr", "chultúr"]),
        ("lt", ["miestas", "miesto", "miestai"]),
        ("ro", ["cultura", "culturii"]),
        ("no", ["kulturen", "kultur"]),
        ("sr", ["kultura", "kulture", "култура", "културе"]),
        ("tr", ["şehir", "şehirler", "şehirde"]),
    ],
)
def test_the_newer_languages_join_inflected_forms(language, forms):
    tokens = {analysis.analyse(form, language)[0] for form in forms}

    assert len(tokens) == 1


@pytest.mark.parametrize(
    "word",
    ["ville", "care", "see", "era", "end", "tema", "net", "bus", "mar", "mange", "dog"],
)
def test_a_content_word_of_one_language_is_no_stop_word_of_another(word):
    # A query word that is a stop word in any language is dropped, so a
    # list must not hold a word that means something elsewhere.
    assert not analysis.is_stop_word_anywhere(word)


def test_norwegian_codes_share_the_norwegian_stemmer():
    assert analysis.normalise_language("nb") == "no"
    assert analysis.normalise_language("nn-NO") == "no"
    assert analysis.analyse("kulturen", "nb") == analysis.analyse("kulturen", "no")


def test_folding_only_languages_are_folded_not_stemmed():
    assert set(analysis.FOLDING_ONLY).isdisjoint(analysis.STEMMERS)
    assert analysis.analyse("Dobrovoľníci", "sk") == ["dobrovolnici"]
