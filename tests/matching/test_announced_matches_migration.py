"""The migration that starts announcing every good match counts the good matches stored before
it as announced, so that deploying it emails nobody about old matches."""

import importlib

import pytest
from django.apps import apps

from matching.models import Match
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("matching.migrations.0003_announced_matches")


def test_good_unannounced_matches_count_as_announced_and_weak_ones_wait():
    need = NeedFactory()
    good, weak = (
        Match.objects.create(need=need, offer=OfferFactory(), score=score, reasons=[])
        for score in (0.8, 0.5)
    )
    migration.count_good_matches_as_announced(apps, None)
    good.refresh_from_db()
    weak.refresh_from_db()
    assert good.notified_at == good.updated_at
    assert weak.notified_at is None
