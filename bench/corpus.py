"""A reproducible multilingual corpus of library resources for the benchmark.

Everything derives from one seed: the vocabularies, the resources, their
pages and facets. Each language has a Zipf-distributed vocabulary of
synthetic stems with real inflection endings (so stemming matters), about a
third of running words are the language's real stop words, and a few real
collocations ("audience development", "patrimoine culturel", ...) are
sprinkled in so phrase queries have something to find. Resource lengths
follow a log-normal law from 3 to 300 pages; a page holds 40 to 600 words.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

SCALES = {
    # name: (resources, expected pages, roughly)
    "XS": 200,
    "S": 2_000,
    "M": 6_000,
    "L": 20_000,
}
LANGUAGE_SHARE = {
    "en": 0.40,
    "fr": 0.15,
    "de": 0.15,
    "it": 0.10,
    "es": 0.10,
    "pl": 0.10,
}
VOCABULARY_SIZE = 20_000
ZIPF_EXPONENT = 1.05
STOP_WORD_SHARE = 0.33
WORDS_PER_PAGE = (250, 90)  # mean, standard deviation
PAGES_LOGNORMAL = (math.log(33), 1.0)  # median 33 pages, mean about 50

SYLLABLES = {
    "en": "ba be bi bo bu ca co cu da de di do ga ge go la le li lo ma me mi mo "
    "na ne no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi wa we",
    "fr": "ba be bé bi bo ca ce ci co da de dé di do fa fe fi fo la le lé li lo "
    "ma me mé mi mo na ne né ni pa pe pé pi ra re ré ri sa se sé si ta te té ti",
    "de": "ba be bi bo da de di do fa fe fi ga ge gi ha he hi ka ke ki la le li "
    "ma me mi na ne ni ra re ri sa sch se si ta te ti wa we wi zu ä ö ü",
    "it": "ba be bi bo ca ce ci co da de di do fa fe fi ga gi la le li lo ma me "
    "mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi",
    "es": "ba be bi bo ca ce ci co da de di do fa fe fi ga gi la le li lo ma me "
    "mi mo na ne ni ño pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi",
    "pl": "ba be bi bo ca ce ci co da de dzi do ga go ka ke ki ko ła le li ło ma "
    "mi mo na ni no pa pi po ra re ri ro sa sie si so szy ta te ti to wa we wi ża",
}
ENDINGS = {
    "en": ["", "", "s", "ing", "ed", "er", "ers"],
    "fr": ["", "", "s", "e", "es", "er", "ent", "ement"],
    "de": ["", "", "e", "en", "er", "ung", "ungen", "es"],
    "it": ["a", "e", "i", "o", "are", "ione", "ioni"],
    "es": ["", "a", "o", "as", "os", "es", "ción", "ciones"],
    "pl": ["", "a", "y", "ie", "ach", "ami", "ów", "em"],
}
STOP_WORDS = {
    "en": "the of and to in a is that for it as with was on be by this are or from",
    "fr": "le la les de des du et à en un une est que qui dans pour par sur au",
    "de": "der die das und in den von zu mit sich des auf für ist im dem nicht ein",
    "it": "il la di e che in un una per con non del della le si da al",
    "es": "el la de que y en los las un una por con para del se es al",
    "pl": "i w na z do się nie to że o jest jak po od za przez dla",
}
COLLOCATIONS = {
    "en": [
        "audience development",
        "capacity building",
        "cultural heritage",
        "urban regeneration",
        "bid book",
        "legacy planning",
    ],
    "fr": [
        "développement des publics",
        "patrimoine culturel",
        "capitale européenne",
        "programmation culturelle",
    ],
    "de": [
        "kulturelles Erbe",
        "europäische Kulturhauptstadt",
        "Publikumsentwicklung",
        "städtische Erneuerung",
    ],
    "it": ["patrimonio culturale", "capitale europea", "sviluppo del pubblico"],
    "es": ["patrimonio cultural", "capital europea", "desarrollo de públicos"],
    "pl": [
        "dziedzictwo kulturowe",
        "europejska stolica kultury",
        "rozwój publiczności",
    ],
}
TYPES = [
    "bid_book",
    "selection_report",
    "monitoring_report",
    "evaluation",
    "toolkit",
    "guide",
    "case_study",
    "research_report",
    "presentation",
    "recording",
    "other",
]
LICENCES = [
    "cc-by-4.0",
    "cc-by-sa-4.0",
    "cc-by-nc-4.0",
    "cc0-1.0",
    "all-rights-reserved",
]
AREAS = [f"area-{n:02d}" for n in range(1, 21)]
CITIES = [
    (f"city-{n:02d}", country)
    for n, country in zip(
        range(1, 61),
        itertools.cycle(
            [
                "FI",
                "FR",
                "DE",
                "IT",
                "ES",
                "PL",
                "PT",
                "NL",
                "LT",
                "LV",
                "EE",
                "SI",
                "HR",
                "RO",
                "BG",
            ]
        ),
        strict=False,
    )
]


@dataclass
class Language:
    code: str
    words: list[str]
    cumulative: list[float]
    stops: list[str]
    collocations: list[str]

    def word(self, rng: random.Random) -> str:
        point = rng.random() * self.cumulative[-1]
        return self.words[bisect.bisect(self.cumulative, point)]


@dataclass
class Resource:
    number: int
    title: str
    language: str
    languages: list[str]
    year: int
    access: str
    popularity: int
    facets: dict[str, list[str]]
    abstract: str
    pages: list[str] = field(default_factory=list)


def _vocabulary(code: str, rng: random.Random) -> Language:
    syllables = SYLLABLES[code].split()
    endings = ENDINGS[code]
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < VOCABULARY_SIZE:
        stem = "".join(
            rng.choice(syllables) for _ in range(rng.choice((2, 2, 3, 3, 4)))
        )
        word = stem + rng.choice(endings)
        if word not in seen and len(word) > 3:
            seen.add(word)
            words.append(word)
    weights = [1.0 / (rank**ZIPF_EXPONENT) for rank in range(1, len(words) + 1)]
    cumulative = list(itertools.accumulate(weights))
    return Language(
        code, words, cumulative, STOP_WORDS[code].split(), COLLOCATIONS[code]
    )


class Corpus:
    def __init__(self, *, scale: str = "S", seed: int = 2026) -> None:
        self.scale = scale
        self.seed = seed
        self.size = SCALES[scale]
        rng = random.Random(seed)
        self.languages = {code: _vocabulary(code, rng) for code in LANGUAGE_SHARE}

    def _page(self, language: Language, rng: random.Random) -> str:
        count = max(40, min(600, int(rng.gauss(*WORDS_PER_PAGE))))
        out = rng.choices(language.words, cum_weights=language.cumulative, k=count)
        stops = rng.choices(language.stops, k=int(count * STOP_WORD_SHARE))
        for position, stop in zip(
            rng.sample(range(count), len(stops)), stops, strict=True
        ):
            out[position] = stop
        if rng.random() < 0.6:
            out[rng.randrange(count)] = rng.choice(language.collocations)
        for position in range(16, count, 17):
            out[position] += "."
        text = " ".join(out)
        return text[:1].upper() + text[1:]

    def resources(self) -> Iterator[Resource]:
        codes = list(LANGUAGE_SHARE)
        shares = list(LANGUAGE_SHARE.values())
        for number in range(1, self.size + 1):
            rng = random.Random(f"{self.seed}-{number}")
            code = rng.choices(codes, shares)[0]
            language = self.languages[code]
            pages = max(3, min(300, int(rng.lognormvariate(*PAGES_LOGNORMAL))))
            city, country = rng.choice(CITIES)
            year = rng.randint(1985, 2026)
            roll = rng.random()
            access = (
                "public" if roll < 0.8 else "members" if roll < 0.95 else "restricted"
            )
            languages = sorted({code, *rng.sample(codes, rng.choice((0, 0, 1)))})
            city_name = city.replace("-", " ").title()
            title_words = " ".join(language.word(rng) for _ in range(rng.randint(2, 6)))
            resource = Resource(
                number=number,
                title=f"{title_words.capitalize()} {city_name} {year}",
                language=code,
                languages=languages,
                year=year,
                access=access,
                popularity=int(rng.paretovariate(1.2) * 10),
                facets={
                    "type": [rng.choice(TYPES)],
                    "capacity_area": sorted(set(rng.sample(AREAS, rng.randint(1, 3)))),
                    "city": [city],
                    "country": [country],
                    "year": [str(year)],
                    "language": languages,
                    "licence": [rng.choice(LICENCES)],
                    "access": [access],
                },
                abstract=" ".join(self._page(language, rng).split()[:80]),
            )
            resource.pages = [self._page(language, rng) for _ in range(pages)]
            yield resource
