"""A cursor names a position in a feed: the same position is the same text at any time, it
cannot be forged, and cursors handed out before they were signed without a time still work."""

import time

import pytest
from django.core import signing
from rest_framework.exceptions import ValidationError
from rest_framework.test import APIClient

from core.api.feed import Cursor
from core.models import Change
from tests.factories import NeedFactory


def test_the_same_position_is_the_same_text_a_second_later(monkeypatch):
    first = Cursor("needs", 42, 7).dumps()
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 61)

    assert Cursor("needs", 42, 7).dumps() == first


def test_a_cursor_reads_back_as_its_position():
    assert Cursor.loads(Cursor("offers", 3).dumps(), "offers") == Cursor("offers", 3)


def test_a_cursor_handed_out_with_a_time_in_its_signature_still_works():
    old = signing.dumps(["needs", 42, 7], salt="core.api.feed", compress=True)

    assert Cursor.loads(old, "needs") == Cursor("needs", 42, 7)


@pytest.mark.parametrize(
    "text",
    [
        signing.Signer(salt="core.api.feed").sign_object(["needs", 42, None])[:-1] + "x",
        signing.Signer(salt="another.salt").sign_object(["needs", 42, None]),
        Cursor("offers", 42).dumps(),
        "not a cursor",
    ],
    ids=["tampered", "signed-for-something-else", "of-another-collection", "garbage"],
)
def test_a_forged_or_foreign_cursor_is_refused(text):
    with pytest.raises(ValidationError):
        Cursor.loads(text, "needs")


@pytest.mark.django_db
def test_a_cursor_that_is_not_ours_is_refused_before_anything_is_numbered(municipality):
    NeedFactory(municipality=municipality)  # a change waiting for its number

    response = APIClient().get("/api/v1/needs/", {"since": "not-a-cursor"})

    assert response.status_code == 400
    assert Change.objects.filter(seq__isnull=True).exists()
