"""What does not fit is said in the reader's language: numbers, dates and kinds of help in all
five languages, apart from what fits."""

import pytest
from django.utils import translation

from matching.engine.reasons import Reason
from matching.engine.weights import NOTIFY_THRESHOLD
from matching.reasons_text import describe
from tests.factories import MatchFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "uk", "de", "fr", "pl")
MONTH_OF_MARCH = {"en": "March", "uk": "березня", "de": "März", "fr": "mars", "pl": "marca"}


@pytest.fixture
def possible():
    match = MatchFactory(
        score=NOTIFY_THRESHOLD / 2,
        need__quantity=40,
        need__unit="homes",
        reasons=[
            {"code": Reason.SAME_TOPIC, "topic": "temporary-housing"},
            {"code": Reason.TOO_LITTLE, "covered": 5, "of": 40.0, "unit": "homes"},
            {"code": Reason.OTHER_KIND, "offered": "training", "needed": "goods"},
            {"code": Reason.ENDS_TOO_EARLY, "until": "2027-03-01", "needed_by": "2027-10-01"},
            {"code": Reason.OTHER_ITEM},
        ],
    )
    return match


def test_misfits_are_listed_apart_from_what_fits(possible):
    with translation.override("en"):
        lines = describe(possible)

    assert lines.fits == ["same topic: Temporary housing"]
    assert lines.misfits == [
        "offer covers only 5 of 40 homes",
        "offered: Training and exchange; needed: Goods and equipment",
        "available until March 1, 2027, needed by Oct. 1, 2027",
        "the descriptions are about different things",
    ]
    assert possible.is_possible
    assert list(lines) == lines.fits + lines.misfits


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_misfits_render_in_every_language(possible, language):
    with translation.override(language):
        lines = describe(possible)

    assert len(lines.misfits) == 4
    assert all(line.strip() for line in lines.misfits)
    assert MONTH_OF_MARCH[language] in lines.misfits[2]


def test_a_match_at_the_threshold_is_not_possible_but_announced():
    match = MatchFactory(score=NOTIFY_THRESHOLD, reasons=[])

    assert not match.is_possible
