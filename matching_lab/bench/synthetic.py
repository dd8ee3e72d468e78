"""Synthetic municipalities, needs and offers with a realistic spread over countries,
languages, sectors, topics and kinds of help, inserted in bulk with their vectors.

Texts come from matching_lab.bench.templates; each distinct text (a template with a unit) is
embedded once (with the real model) and its vectors stored for every posting made from it,
with the source key the worker would compute, so the worker sees every posting as already
embedded."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

import numpy as np
from django.utils import timezone

from matching.engine.pipeline import stored_vectors
from matching.engine.texts import PostingTexts, PostingVectors, embed_postings
from matching.models import NeedEmbedding, OfferEmbedding
from matching.sides import Side
from matching_lab.bench.templates import Template, template_pool, topic_weights
from municipalities.models import Municipality
from needs.models import Need
from offers.models import Offer
from postings.models import HelpKind, Posting, Sector, Topic, written_in

INSERT_BATCH = 2000
EMBED_BATCH = 32

# country: (working language, latitude, longitude, spread in degrees, weight)
COUNTRIES = {
    "UA": ("uk", 49.0, 31.0, 3.0, 0.45),
    "DE": ("de", 51.0, 10.0, 2.0, 0.20),
    "PL": ("pl", 52.0, 19.0, 2.0, 0.12),
    "FR": ("fr", 46.5, 2.5, 2.5, 0.08),
    "AT": ("de", 47.5, 14.0, 0.8, 0.04),
    "LT": ("lt", 55.3, 23.9, 0.8, 0.03),
    "NL": ("nl", 52.2, 5.5, 0.6, 0.03),
    "CZ": ("cs", 49.8, 15.5, 0.8, 0.03),
    "IT": ("it", 43.0, 12.5, 2.5, 0.02),
}
# Countries whose cities write postings in a language; English is written everywhere.
WRITERS = {"uk": ["UA"], "de": ["DE", "AT"], "pl": ["PL"], "fr": ["FR"]}
# Of the English postings, the share written by Ukrainian cities, per side.
ENGLISH_FROM_UKRAINE = {"need": 0.8, "offer": 0.05}
KINDS = {"goods": 0.5, "expertise": 0.18, "training": 0.1, "funding": 0.08, "personnel": 0.08,
         "hosting": 0.06}  # fmt: skip
QUANTITIES = {"goods": (1, 200, "pcs"), "personnel": (1, 10, "people"),
              "hosting": (5, 50, "people"), "funding": (10_000, 500_000, "EUR")}  # fmt: skip


@dataclass
class Taxonomy:
    sectors: dict[str, int]
    topics: dict[str, int]
    kinds: dict[str, int]

    @classmethod
    def load(cls) -> "Taxonomy":
        return cls(
            sectors=dict(Sector.objects.values_list("slug", "pk")),
            topics=dict(Topic.objects.values_list("slug", "pk")),
            kinds=dict(HelpKind.objects.values_list("slug", "pk")),
        )


@dataclass
class Generator:
    """Makes postings; `vectors` caches the vectors of each distinct posting text (a template
    with a unit), embedded once."""

    rng: np.random.Generator
    taxonomy: Taxonomy
    municipalities: dict[str, list[int]]
    pools: dict[str, tuple[list[Template], np.ndarray]]
    vectors: dict[PostingTexts, PostingVectors] = field(default_factory=dict)

    @classmethod
    def create(cls, municipality_count: int, seed: int = 4) -> "Generator":
        rng = np.random.default_rng(seed)
        weights = topic_weights(rng)
        return cls(
            rng=rng,
            taxonomy=Taxonomy.load(),
            municipalities=create_municipalities(municipality_count, rng),
            pools={side: template_pool(side, rng, weights) for side in ("need", "offer")},
        )

    def postings(self, model: type[Posting], count: int) -> list[tuple[Posting, Template]]:
        templates, chances = self.pools[Side.of(model).value]
        picked = self.rng.choice(len(templates), size=count, p=chances)
        return [(self._posting(model, templates[i]), templates[i]) for i in picked]

    def _posting(self, model: type[Posting], template: Template) -> Posting:
        rng, taxonomy = self.rng, self.taxonomy
        kind = str(rng.choice(list(KINDS), p=list(KINDS.values())))
        quantity, covered, unit = _quantity(rng, kind, Side.of(model) is Side.NEED)
        now = timezone.now()
        day = now.date() + timedelta(days=int(rng.integers(14, 365)))
        return model(
            municipality_id=self._municipality(template),
            original_language=template.language,
            **_fields(template),
            sector_id=taxonomy.sectors[template.sector],
            topic_id=taxonomy.topics[template.topic] if rng.random() > 0.1 else None,
            help_kind_id=taxonomy.kinds[kind],
            quantity=quantity,
            quantity_covered=covered,
            unit=unit,
            **{model.date_field_name: day if rng.random() < 0.5 else None},
            status=Posting.Status.PARTLY_COVERED if covered else Posting.Status.PUBLISHED,
            published_at=now,
            last_confirmed_at=now,
        )

    def _municipality(self, template: Template) -> int:
        countries = WRITERS.get(template.language)
        if countries is None:
            from_ukraine = self.rng.random() < ENGLISH_FROM_UKRAINE[template.side]
            countries = ["UA"] if from_ukraine else [c for c in COUNTRIES if c != "UA"]
        candidates = [pk for country in countries for pk in self.municipalities.get(country, [])]
        return int(self.rng.choice(candidates))

    def embed(self, postings: Iterable[Posting], progress: Callable) -> None:
        """Embed the texts of these postings that no posting made before had."""
        texts = {PostingTexts.of(posting) for posting in postings}
        missing = sorted(texts - self.vectors.keys(), key=lambda item: item.key)
        for start in range(0, len(missing), EMBED_BATCH):
            batch = missing[start : start + EMBED_BATCH]
            self.vectors.update(zip(batch, embed_postings(batch), strict=True))
            progress("texts", start + len(batch), len(missing))


def _fields(template: Template) -> dict[str, str]:
    return written_in(template.language, title=template.title, description=template.description)


def _quantity(rng: np.random.Generator, kind: str, is_need: bool) -> tuple:
    if kind not in QUANTITIES:
        return None, Decimal(0), ""
    low, high, unit = QUANTITIES[kind]
    quantity = int(rng.integers(low, high + 1))
    covered = int(quantity * rng.uniform(0.2, 0.7)) if is_need and rng.random() < 0.15 else 0
    return Decimal(quantity), Decimal(covered), unit


def create_municipalities(count: int, rng: np.random.Generator) -> dict[str, list[int]]:
    """Verified municipalities, at least one per country; their pks by country."""
    weights = np.array([entry[4] for entry in COUNTRIES.values()])
    counts = np.maximum(1, np.round(weights / weights.sum() * count)).astype(int)
    rows = []
    for (country, (language, lat, lon, spread, _w)), n in zip(
        COUNTRIES.items(), counts, strict=True
    ):
        for _ in range(n):
            number = len(rows)
            languages = [language, "en"] if rng.random() < 0.6 else [language]
            rows.append(
                Municipality(
                    name=f"Bench {country} {number}",
                    slug=f"bench-{country.lower()}-{number}",
                    country=country,
                    latitude=Decimal(f"{lat + rng.uniform(-spread, spread):.6f}"),
                    longitude=Decimal(f"{lon + rng.uniform(-spread, spread) * 1.5:.6f}"),
                    population=int(rng.lognormal(10.5, 1.2)),
                    languages=languages,
                    status=Municipality.Status.VERIFIED,
                )
            )
    created = Municipality.objects.bulk_create(rows, batch_size=INSERT_BATCH)
    by_country: dict[str, list[int]] = {}
    for municipality in created:
        by_country.setdefault(str(municipality.country), []).append(municipality.pk)
    return by_country


_EMBEDDING_MODELS = {Need: (NeedEmbedding, "need_id"), Offer: (OfferEmbedding, "offer_id")}


def insert(
    generator: Generator,
    model: type[Posting],
    made: list[tuple[Posting, Template]],
    *,
    vectors=True,
) -> list[Posting]:
    """Insert the postings in bulk, and (unless vectors=False) their vectors (`embed` first)."""
    postings = model.objects.bulk_create([p for p, _t in made], batch_size=INSERT_BATCH)
    if vectors:
        embedding_model, field_name = _EMBEDDING_MODELS[model]
        texts = [PostingTexts.of(posting) for posting in postings]
        embedding_model.objects.bulk_create(
            [
                embedding_model(
                    **{field_name: posting.pk}, **stored_vectors(text, generator.vectors[text])
                )
                for posting, text in zip(postings, texts, strict=True)
            ],
            batch_size=INSERT_BATCH,
        )
    return postings
