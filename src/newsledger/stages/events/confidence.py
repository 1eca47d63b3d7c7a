"""How likely an event is right: a logistic model over the evidence the coder had.

Each event is described by a few features that say how it was found (a verb or a noun, a
lexicon word or a statement typed by its content, wrapped by another word, a date of its own or
the publication date, a named or described or missing doer, how many reports of it the article
has...). `data/event_confidence.json` holds the weights of a logistic regression fitted to the
document-level gold (`make train-events`, `scripts/train_event_confidence.py`): the probability
that an event of these features is a right event (a real happening of the right type, once).
The file records the corpus it was fitted on and the figures of its cross-validation by document
halves. Every event is still explained by its trigger and evidence; the model only says how sure
the evidence makes us, and events below `EMIT_AT` are left out (precision first).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from ...data import data_path

FEATURES = (
    "verb", "noun", "composed", "statement", "mention_only", "fallback",
    "depth", "actor_named", "actor_described", "actor_none", "recipient_named", "recipient_described",
    "recipient_none", "reports", "sentences", "in_quote", "reported", "future", "date_own",
    "date_published", "first_paragraph", "headline", "ambiguous", "relation_noun",
    "type_verbal", "type_material", "type_cooperative", "place_own",
)
MODEL_FILE = "event_confidence.json"


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    intercept: float
    emit_at: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@lru_cache(maxsize=1)
def model() -> Model | None:
    path = data_path(MODEL_FILE)
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(weights={k: float(v) for k, v in data["weights"].items()}, intercept=float(data["intercept"]),
                 emit_at=float(data.get("emit_at", 0.0)))


def score(features: dict[str, float], fallback: float) -> float:
    """The model's probability, rounded; `fallback` when no model is installed."""
    m = model()
    if m is None:
        return fallback
    return round(m.probability(features), 2)


def emit_at() -> float:
    m = model()
    return m.emit_at if m is not None else 0.0


__all__ = ["FEATURES", "MODEL_FILE", "Model", "emit_at", "model", "score"]
