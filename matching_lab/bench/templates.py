# ruff: noqa: E501
"""The texts of synthetic postings: a few hundred templates, built from the taxonomy's own
translated topic names and descriptions in sentence frames of each language. Every posting
made from a template has the template's text, so only the templates are embedded."""

from dataclasses import dataclass

import numpy as np

from postings.taxonomy_data import TOPICS

TEMPLATES_PER_SIDE = 150

# (title, description) frames; {name} and {description} are the topic's, in that language.
# fmt: off
FRAMES = {
    "need": {
        "en": [("{name} needed", "{description} Our municipality is looking for a partner city that can help with this."),
               ("Looking for support: {name}", "We urgently need help in this area. {description}")],
        "de": [("Benötigt: {name}", "{description} Unsere Gemeinde sucht eine Partnerstadt, die dabei helfen kann."),
               ("Wir suchen Unterstützung: {name}", "Wir brauchen dringend Hilfe in diesem Bereich. {description}")],
        "uk": [("Потрібно: {name}", "{description} Наша громада шукає місто-партнера, яке може допомогти."),
               ("Шукаємо підтримку: {name}", "Нам терміново потрібна допомога в цій сфері. {description}")],
        "fr": [("Besoin : {name}", "{description} Notre commune cherche une ville partenaire qui puisse l’aider."),
               ("Nous cherchons un soutien : {name}", "Nous avons un besoin urgent d’aide dans ce domaine. {description}")],
        "pl": [("Potrzebne: {name}", "{description} Nasza gmina szuka miasta partnerskiego, które może pomóc."),
               ("Szukamy wsparcia: {name}", "Pilnie potrzebujemy pomocy w tej dziedzinie. {description}")],
    },
    "offer": {
        "en": [("We offer: {name}", "{description} Our city can provide this to a partner municipality."),
               ("{name} available for a partner city", "We can share our experience and resources. {description}")],
        "de": [("Wir bieten: {name}", "{description} Unsere Stadt kann dies einer Partnerkommune zur Verfügung stellen."),
               ("{name} für eine Partnerstadt verfügbar", "Wir teilen gern unsere Erfahrung und unsere Mittel. {description}")],
        "uk": [("Пропонуємо: {name}", "{description} Наше місто може передати це громаді-партнеру."),
               ("{name} для міста-партнера", "Ми готові поділитися досвідом і ресурсами. {description}")],
        "fr": [("Nous proposons : {name}", "{description} Notre ville peut mettre cela à la disposition d’une commune partenaire."),
               ("{name} disponible pour une ville partenaire", "Nous pouvons partager notre expérience et nos moyens. {description}")],
        "pl": [("Oferujemy: {name}", "{description} Nasze miasto może przekazać to gminie partnerskiej."),
               ("{name} dla miasta partnerskiego", "Możemy podzielić się doświadczeniem i zasobami. {description}")],
    },
}
# fmt: on

# Who writes: cities in need mostly in Ukrainian, offering cities mostly in their own language.
LANGUAGE_WEIGHTS = {
    "need": {"uk": 0.6, "en": 0.25, "de": 0.05, "pl": 0.05, "fr": 0.05},
    "offer": {"de": 0.35, "en": 0.25, "pl": 0.2, "fr": 0.15, "uk": 0.05},
}


@dataclass(frozen=True)
class Template:
    side: str
    sector: str
    topic: str
    language: str
    title: str
    description: str

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.description}"


def _all_templates(side: str) -> list[Template]:
    return [
        Template(side, sector, topic, language, title.format(name=name), body.format(**texts))
        for sector, topics in TOPICS.items()
        for topic, by_language in topics
        for language, (name, topic_description) in by_language.items()
        for texts in [{"name": name, "description": topic_description}]
        for title, body in FRAMES[side][language]
    ]


def topic_weights(rng: np.random.Generator) -> dict[str, float]:
    """Some topics are far more common than others (Zipf-like, in a random order)."""
    topics = [topic for entries in TOPICS.values() for topic, _texts in entries]
    order = rng.permutation(len(topics))
    return {topic: 1 / (1 + rank) ** 0.8 for topic, rank in zip(topics, order, strict=True)}


def template_pool(side: str, rng: np.random.Generator, weights: dict[str, float]) -> tuple:
    """TEMPLATES_PER_SIDE templates of a side, and the weight with which postings use each."""
    candidates = _all_templates(side)
    chances = np.array([weights[t.topic] * LANGUAGE_WEIGHTS[side][t.language] for t in candidates])
    chosen = rng.choice(
        len(candidates),
        size=min(TEMPLATES_PER_SIDE, len(candidates)),
        replace=False,
        p=chances / chances.sum(),
    )
    pool = [candidates[i] for i in chosen]
    pool_chances = chances[chosen]
    return pool, pool_chances / pool_chances.sum()
