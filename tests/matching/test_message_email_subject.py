"""The subject of a message email counts the messages in each language's own plural forms."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

pytestmark = pytest.mark.django_db


def _subject(match, count: int, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "emails/new_message_subject.txt", {"messages": [None] * count, "match": match}
        )


@pytest.mark.parametrize(
    ("language", "count", "start"),
    [
        ("en", 1, "New message about the match"),
        ("en", 3, "3 new messages about the match"),
        ("pl", 1, "Nowa wiadomość"),
        ("pl", 3, "3 nowe wiadomości"),
        ("pl", 5, "5 nowych wiadomości"),
        ("uk", 2, "2 нові повідомлення"),
        ("uk", 5, "5 нових повідомлень"),
        ("de", 4, "4 neue Nachrichten"),
    ],
)
def test_the_subject_counts_in_the_reader_s_language(match, language, count, start):
    assert _subject(match, count, language).startswith(start)
