"""The search document of a posting's texts, as PostgreSQL stores it (a generated column).

Every word is stored as it is (weight A) and, for words of five letters or more, every ending
of four letters or more (weight D), so that a word is found inside another: "betten" in
"Krankenhausbetten", "генератор" in "електрогенератори". A search word of four letters or more
matches either; a shorter one only the beginning of a word (postings.search.text_query).
"""

from django.contrib.postgres.search import SearchVector

# The SQL function behind WordEndings; created by migration postings 0003.
WORD_ENDINGS_FUNCTION = """
CREATE OR REPLACE FUNCTION c4c_word_endings(document text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('simple', coalesce(string_agg(substr(word.lexeme, start), ' '), ''))
    FROM unnest(to_tsvector('simple', document)) AS word,
         generate_series(2, char_length(word.lexeme) - 3) AS start
$$;
"""
DROP_WORD_ENDINGS_FUNCTION = "DROP FUNCTION IF EXISTS c4c_word_endings(text);"


class WordEndings(SearchVector):
    """The endings of every word of the expressions, as a tsvector."""

    function = "c4c_word_endings"
    template = "%(function)s(%(expressions)s)"


def search_document(*fields: str) -> SearchVector:
    """The fields' words (weight A) and their endings (weight D), without stemming, so that
    text in any language is found by its words."""
    return SearchVector(*fields, config="simple", weight="A") + WordEndings(*fields, weight="D")
