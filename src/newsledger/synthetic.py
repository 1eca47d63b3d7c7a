"""Deterministic synthetic news articles, for benchmarks, load and soak tests.

The articles are generated from sentence templates filled with countries,
capitals, demonyms and titles from the package's data files, so they exercise
every stage (actors, dates, places, quotes, amounts, events) without copying any
real article. The same seed always gives the same corpus.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .countries import country_rows

_FIRST = ["Amir", "Elena", "Jonas", "Farida", "Tomas", "Leila", "Omar", "Ingrid", "Pavel", "Sofia",
          "Karim", "Marta", "Nikolai", "Aisha", "Viktor", "Hana", "Rafael", "Mei", "Daniel", "Zara"]
_LAST = ["Halvorsen", "Marchetti", "Okonkwo", "Petrov", "Salazar", "Nakamura", "Lindqvist", "Haddad",
         "Kowalski", "Brennan", "Adeyemi", "Moreau", "Castellanos", "Varga", "Rahimi", "Duarte"]
_TITLES = ["President", "Prime Minister", "Foreign Minister", "Defense Minister"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]

_TEMPLATES = [
    "{title} {person} of {country} met {title2} {person2} in {capital2} on {weekday} to discuss trade and security.",
    "The two leaders signed an agreement on energy cooperation, officials said.",
    "“We will not accept any threat to our sovereignty,” {person} said after the talks.",
    "{person2} added that the {demonym2} government would support a ceasefire in the region.",
    "Protesters gathered outside the parliament in {capital} on {weekday}, demanding the release of {n} detained activists.",
    "Police arrested about {n} people during the demonstration, according to local media.",
    "{demonym} forces shelled positions near {city} last week, killing at least {k} soldiers.",
    "The {demonym2} army said it had withdrawn its troops from the border area on {month} {day}.",
    "In {year}, the two countries fought a {k}-day war over the disputed territory.",
    "{country} imposed sanctions on {country2} last month, freezing assets worth ${m} million.",
    "Officials from {country} and {country2} will hold further talks next month, {person} said.",
    "The government of {country} accused {country2} of violating the agreement signed in {year}.",
    "Nearly {n} refugees have crossed into {country} since {month}, the United Nations said.",
    "{person} criticized the decision, saying it undermined years of cooperation between {capital} and {capital2}.",
    "Both sides conducted joint military exercises near {city} from {month} {day} to {day2} last year.",
    "The ministry said {n} percent of the aid had already been delivered to the affected regions.",
]


@dataclass(frozen=True)
class SyntheticArticle:
    id: str
    text: str
    published: str


def _countries() -> list[dict[str, str]]:
    rows = [r for r in country_rows()
            if not r["until"] and r["capital"] and r["demonyms"] and int(r["population"] or 0) > 2_000_000]
    rows.sort(key=lambda r: r["iso3"])
    return rows


def generate(n: int, seed: int = 7, paragraphs: tuple[int, int] = (6, 12)) -> Iterator[SyntheticArticle]:
    """`n` articles; each is a copied-page text with a headline, a byline and a body."""
    rng = random.Random(seed)
    countries = _countries()
    start = date(2021, 1, 1)
    for i in range(n):
        c1, c2 = rng.sample(countries, 2)
        published = start + timedelta(days=rng.randrange(0, 1400))
        fill = {
            "title": rng.choice(_TITLES), "title2": rng.choice(_TITLES),
            "person": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            "person2": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            "country": c1["name"], "country2": c2["name"],
            "capital": c1["capital"], "capital2": c2["capital"],
            "city": c2["capital"],
            "demonym": c1["demonyms"].split("|")[0], "demonym2": c2["demonyms"].split("|")[0],
            "weekday": rng.choice(_WEEKDAYS), "month": rng.choice(_MONTHS),
            "day": rng.randint(1, 20), "day2": rng.randint(21, 28),
            "year": rng.randint(1990, 2020), "n": rng.choice([12, 40, 150, 300, 2500, 30000]),
            "k": rng.randint(2, 60), "m": rng.randint(5, 900),
        }
        lines = [f"{c1['name']} and {c2['name']} leaders meet amid tensions", "",
                 f"By {rng.choice(_FIRST)} {rng.choice(_LAST)} {_MONTHS[published.month - 1]} {published.day}, {published.year}", ""]
        for _ in range(rng.randint(*paragraphs)):
            sentences = [t.format(**fill) for t in rng.sample(_TEMPLATES, rng.randint(1, 3))]
            lines.append(" ".join(sentences))
            lines.append("")
        yield SyntheticArticle(id=f"synthetic-{seed}-{i:06d}", text="\n".join(lines).rstrip() + "\n",
                               published=published.isoformat())
