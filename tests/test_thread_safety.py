"""One pipeline, many threads: `extract()` keeps no per-document state on shared objects.

Each stage keeps what belongs to one document on a per-call object (the actors stage's
`ActorsRun`, the quotes stage's resolver, the times stage's normaliser...). Sixteen threads
extracting sixteen different articles at once, with the interpreter switching threads as
often as it can, must give exactly the records one thread gives.
"""

from __future__ import annotations

import sys
import threading

import pytest

from newsledger.knowledge import ChainKnowledge, KnownActor, MemoryKnowledge, bundled_knowledge
from newsledger.synthetic import generate

# one surname, two people: which one an article means depends on its date, so an article read
# with another article's date gets another country
_KNOWN = MemoryKnowledge([
    KnownActor(key="person:arne-halvorsen", name="Arne Halvorsen", type="PERSON", aliases=("Halvorsen",),
               country="NOR", sector="GOV", role="President", since="2000", until="2010", source="test"),
    KnownActor(key="person:berit-halvorsen", name="Berit Halvorsen", type="PERSON", aliases=("Halvorsen",),
               country="SWE", sector="GOV", role="Prime Minister", since="2011", until="2020", source="test"),
])

# hand-written articles with pronouns, role descriptions and quotes, besides the synthetic ones
_WRITTEN = [
    ("Maria Lindqvist, the Norwegian president, met Tomas Berg in Oslo on Monday. “We agreed on a plan,” "
     "she said. The president added that talks would go on. Berg said he was pleased.\n\n"
     "Later, Lindqvist told reporters that she would visit Stockholm in May.\n", "2024-02-20"),
    ("Prime Minister Anders Holm of Sweden criticised the decision on Friday. He said the vote was rushed. "
     "“This is not how we work,” Holm said.\n\nThe Swedish prime minister spoke after Eva Dahl, the "
     "opposition leader, called for an inquiry. She said about 300 people had signed a letter.\n", "2023-05-12"),
]


_FIRST = [("Maria", "she"), ("Tomas", "he"), ("Eva", "she"), ("Anders", "he"), ("Ingrid", "she"), ("Pavel", "he")]
_LAST = ["Lindqvist", "Berg", "Dahl", "Holm", "Varga", "Okonkwo", "Haddad", "Moreau"]
_COUNTRIES = [("Norway", "Norwegian"), ("Sweden", "Swedish"), ("Finland", "Finnish"), ("Chile", "Chilean")]


def _long_article(k: int) -> tuple[str, str]:
    """A long article of people, their titles, pronouns, role descriptions and quotes: the steps
    that read the document's sentences run long enough for threads to interleave inside them."""
    paragraphs = []
    for n in range(14):
        first, pronoun = _FIRST[(k + n) % len(_FIRST)]
        last = _LAST[(k * 3 + n) % len(_LAST)]
        country, demonym = _COUNTRIES[(k + 2 * n) % len(_COUNTRIES)]
        paragraphs.append(
            f"{demonym} Foreign Minister {first} {last} met officials of {country} on Monday. "
            f"“We will keep talking,” {pronoun} said. The foreign minister of {country} added that "
            f"{pronoun} expected about {100 + n} delegates. {last} said the talks would go on, "
            "and Halvorsen agreed.")
    return "\n\n".join(paragraphs) + "\n", f"{2005 if k % 2 else 2015}-0{1 + k % 9}-1{k % 9}"


def _articles():
    out = [(a.text, a.published) for a in generate(6, seed=11, paragraphs=(4, 7))]
    return out + _WRITTEN + [_long_article(k) for k in range(8)]


@pytest.mark.acceptance
@pytest.mark.slow
def test_many_threads_through_one_pipeline_give_the_single_thread_records(nlp, settings):
    from newsledger.pipeline import Pipeline

    pipeline = Pipeline(nlp=nlp, settings=settings, knowledge=ChainKnowledge([_KNOWN, bundled_knowledge()]))
    articles = _articles()
    assert len(articles) == 16
    single = [pipeline.extract(text, published=day).to_dict() for text, day in articles]
    results: list[dict | None] = [None] * len(articles)
    errors: list[BaseException] = []
    start = threading.Barrier(len(articles))

    def work(i: int) -> None:
        try:
            start.wait()
            text, day = articles[i]
            results[i] = pipeline.extract(text, published=day).to_dict()
        except BaseException as exc:  # noqa: BLE001  (reported below, with the others)
            errors.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        for _ in range(2):
            threads = [threading.Thread(target=work, args=(i,)) for i in range(len(articles))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert not errors, errors
            differ = [i for i, (a, b) in enumerate(zip(single, results, strict=True)) if a != b]
            assert not differ, f"records {differ} differ from the single-thread records"
    finally:
        sys.setswitchinterval(interval)
