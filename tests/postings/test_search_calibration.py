"""The centres stored with the code (core/data/embedding_centres.json) are still the mean
vectors of the taxonomy's names, and of its names with their descriptions, as core.embedding
says."""

import numpy as np

from core import embedding
from postings.taxonomy_data import HELP_KINDS, SECTORS, TOPICS

ENTRIES = [*SECTORS, *(topic for topics in TOPICS.values() for topic in topics), *HELP_KINDS]


def test_the_query_centre_is_the_mean_of_the_taxonomy_names():
    names = [name for _slug, texts in ENTRIES for name, _description in texts.values()]

    computed = embedding.embed(names).mean(axis=0)

    assert np.abs(computed - embedding.query_centre()).max() < 1e-3


def test_the_text_centre_is_the_mean_of_the_names_with_their_descriptions():
    texts = [f"{name}\n{about}" for _slug, texts in ENTRIES for name, about in texts.values()]

    computed = embedding.embed(texts).mean(axis=0)

    assert np.abs(computed - embedding.text_centre()).max() < 1e-3
