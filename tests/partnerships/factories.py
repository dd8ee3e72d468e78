"""Factories of activities and events (tests/factories.py has the partnership's)."""

from datetime import date

import factory

from partnerships.models import Activity, Event
from tests.factories import PartnershipFactory


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    partnership = factory.SubFactory(PartnershipFactory)
    original_language = "en"
    title_en = factory.Sequence(lambda n: f"Activity {n}")
    status = Activity.Status.RUNNING
    started_on = date(2024, 3, 1)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    original_language = "en"
    topic_en = factory.Sequence(lambda n: f"Meeting {n}")
    held_on = date(2024, 5, 10)
    place = "Bytów"

    @factory.post_generation
    def participants(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.participants.set(extracted)
