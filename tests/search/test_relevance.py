# ruff: noqa: RUF001 (Greek and Turkish letters are the point of this set)
"""A relevance set: queries a person would type, and the document they expect
in the top 5, over a small corpus with a document in every stemmed language
and in the folding-only ones. It runs on both backends (the suite's SQLite
and PostgreSQL passes), so a change to the analyzer or the ranking that
makes one of these answers worse fails here.

Each document is a short, realistic passage about the same subjects
(volunteers, heritage, audiences, budgets) in its language, so a query
must find the right one among look-alikes, not merely any document.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ecoc_hub.search import analysis
from ecoc_hub.search.queries import search
from tests.search.conftest import make_document

pytestmark = pytest.mark.django_db

# (language, title, text): each text in its language, on one subject.
CORPUS = [
    (
        "en",
        "Volunteers in the title year",
        "Volunteers welcomed visitors in every neighbourhood during the title year.",
    ),
    (
        "en",
        "Heritage budget",
        "The budget for heritage sites was agreed with the ministry.",
    ),
    (
        "fr",
        "Bénévoles de l'année capitale",
        "Les bénévoles ont accueilli les visiteurs dans tous les quartiers.",
    ),
    (
        "de",
        "Kulturerbe und Publikum",
        "Die Museen haben neue Zuschauer für das Kulturerbe gewonnen.",
    ),
    (
        "it",
        "Volontari della capitale",
        "I volontari hanno accolto i visitatori nei quartieri della città.",
    ),
    (
        "es",
        "Presupuesto del patrimonio",
        "El presupuesto de los lugares patrimoniales se acordó con el ministerio.",
    ),
    (
        "pl",
        "Wolontariusze w roku tytułu",
        "Wolontariusze witali gości we wszystkich dzielnicach miasta.",
    ),
    (
        "nl",
        "Vrijwilligers in het titeljaar",
        "De vrijwilligers verwelkomden bezoekers in alle wijken van de stad.",
    ),
    (
        "pt",
        "Orçamento do património",
        "O orçamento dos locais de património foi acordado com o ministério.",
    ),
    (
        "fi",
        "Vapaaehtoiset kulttuuripääkaupungissa",
        "Vapaaehtoiset toivottivat vierailijat tervetulleiksi kaupunginosissa.",
    ),
    (
        "sv",
        "Volontärer under kulturhuvudstadsåret",
        "Volontärerna välkomnade besökare i alla stadsdelar.",
    ),
    (
        "cs",
        "Dobrovolníci v roce titulu",
        "Dobrovolníci vítali návštěvníky ve všech čtvrtích města.",
    ),
    (
        "da",
        "Frivillige i kulturhovedstadsåret",
        "De frivillige bød besøgende velkommen i alle bydele.",
    ),
    (
        "et",
        "Vabatahtlikud kultuuripealinnas",
        "Vabatahtlikud võtsid külastajaid vastu kõigis linnaosades.",
    ),
    (
        "el",
        "Εθελοντές της Πολιτιστικής Πρωτεύουσας",
        "Οι εθελοντές υποδέχτηκαν τους επισκέπτες σε όλες τις γειτονιές της πόλης.",
    ),
    (
        "hu",
        "Önkéntesek a címviselő évben",
        "Az önkéntesek minden városrészben fogadták a látogatókat.",
    ),
    (
        "ga",
        "Oidhreacht chultúrtha na cathrach",
        "Chosain an chomhairle oidhreacht chultúrtha na cathrach.",
    ),
    (
        "lt",
        "Savanoriai kultūros sostinėje",
        "Savanoriai pasitiko lankytojus visuose miesto rajonuose.",
    ),
    (
        "ro",
        "Voluntarii capitalei culturale",
        "Voluntarii au întâmpinat vizitatorii în toate cartierele orașului.",
    ),
    (
        "no",
        "Frivillige i kulturhovedstadsåret",
        "De frivillige ønsket besøkende velkommen i alle bydelene.",
    ),
    (
        "sr",
        "Volonteri prestonice kulture",
        "Volonteri su dočekivali posetioce u svim delovima grada.",
    ),
    (
        "tr",
        "Kültür başkentinin gönüllüleri",
        "Gönüllüler şehrin bütün mahallelerinde ziyaretçileri karşıladı.",
    ),
    (
        "sk",
        "Dobrovoľníci v roku titulu",
        "Dobrovoľníci vítali návštevníkov vo všetkých štvrtiach mesta.",
    ),
    (
        "sl",
        "Prostovoljci v letu naziva",
        "Prostovoljci so sprejemali obiskovalce v vseh četrtih mesta.",
    ),
    (
        "bg",
        "Доброволци в годината на титлата",
        "Доброволците посрещаха посетителите във всички квартали на града.",
    ),
]

# (query, expected title): inflected forms, no accents, other word orders.
# Snowball stems suffixes, not irregular stems: Irish cathair/cathrach,
# Serbian posetilac/posetioce, Finnish vapaaehtoinen/vapaaehtoiset do not
# meet, so the queries use forms a stemmer can join.
QUERIES = [
    ("volunteer neighbourhoods", "Volunteers in the title year"),
    ("heritage budgets", "Heritage budget"),
    ("benevole quartier", "Bénévoles de l'année capitale"),
    ("Zuschauern Kulturerbes", "Kulturerbe und Publikum"),
    ("volontario quartiere", "Volontari della capitale"),
    ("presupuestos patrimonial", "Presupuesto del patrimonio"),
    ("wolontariusze dzielnica", "Wolontariusze w roku tytułu"),
    ("vrijwilliger wijk", "Vrijwilligers in het titeljaar"),
    ("orcamentos patrimonio", "Orçamento do património"),
    ("vierailija kaupunginosa", "Vapaaehtoiset kulttuuripääkaupungissa"),
    ("volontar stadsdel", "Volontärer under kulturhuvudstadsåret"),
    ("dobrovolnik navstevnik", "Dobrovolníci v roce titulu"),
    ("frivillig bydel", "Frivillige i kulturhovedstadsåret"),
    ("linnaosa külastaja", "Vabatahtlikud kultuuripealinnas"),
    ("εθελοντης επισκεπτης", "Εθελοντές της Πολιτιστικής Πρωτεύουσας"),
    ("onkentes latogato", "Önkéntesek a címviselő évben"),
    ("oidhreacht cultúrtha comhairle", "Oidhreacht chultúrtha na cathrach"),
    ("savanoris lankytojas", "Savanoriai kultūros sostinėje"),
    ("voluntar vizitator", "Voluntarii capitalei culturale"),
    ("frivillige besokende", "Frivillige i kulturhovedstadsåret"),
    ("volonter posetioci delovi", "Volonteri prestonice kulture"),
    ("gonullu ziyaretci", "Kültür başkentinin gönüllüleri"),
    # Folding only: the exact word, typed without accents, still finds it.
    ("dobrovolnici navstevnikov", "Dobrovoľníci v roku titulu"),
    ("prostovoljci obiskovalce", "Prostovoljci v letu naziva"),
    ("доброволците", "Доброволци в годината на титлата"),
]


@pytest.fixture
def corpus(db):
    for language, title, text in CORPUS:
        make_document(title=title, language=language, text=text)


def test_every_stemmed_language_has_a_document_in_the_set():
    languages = {language for language, _title, _text in CORPUS}

    assert set(analysis.LANGUAGES) <= languages
    assert len(analysis.LANGUAGES) == 21  # 18 EU languages + no, sr, tr
    assert {"sk", "sl", "bg"} <= languages


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_the_expected_document_is_in_the_top_five(corpus, query, expected):
    results = search(query, user=AnonymousUser(), per_page=5)

    assert expected in [hit.title for hit in results.hits]
