"""Match emails carry the other city's title in the reader's language and the reasons; a match
found while its posting is being translated waits for the translation a few minutes at most."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from matching.digest import send_match_digest_of
from matching.models import Match
from matching.notifications import notify_new_matches
from matching.reasons_text import describe
from matching.tasks import sweep_held_announcements
from needs.models import Need
from postings.models import Topic
from postings.selectors import with_translations
from postings.services.translation import HOLD_FOR_TRANSLATION
from postings.tasks import translate_posting

pytestmark = pytest.mark.django_db

UK_OFFER_TITLE = "Лікарняні ліжка та монітори пацієнта"  # the German offer, for the Ukrainian
DE_NEED_TITLE = "Krankenhausbetten und Patientenmonitore"  # the Ukrainian need, for the German


def _translate(*postings) -> None:
    for posting in postings:
        translate_posting(posting._meta.label_lower, posting.pk)


def _emails_to(user) -> list:
    return [email for email in mail.outbox if email.to == [user.email]]


def _notify(match, capture) -> int:
    with capture(execute=True):
        return notify_new_matches([match])


def test_each_side_reads_the_other_s_title_in_its_own_language(
    libretranslate, across, ukrainian, german, django_capture_on_commit_callbacks
):
    _translate(across.need, across.offer)

    assert _notify(across, django_capture_on_commit_callbacks) == 2

    [to_german] = _emails_to(german)
    [to_ukrainian] = _emails_to(ukrainian)
    assert DE_NEED_TITLE in to_german.subject
    assert DE_NEED_TITLE in to_german.body
    assert UK_OFFER_TITLE in to_ukrainian.subject
    topic = Topic.objects.get(slug="medical-equipment")
    assert topic.name_de in to_german.body  # the reasons, in German
    assert topic.name_uk in to_ukrainian.body


def test_a_match_waits_for_its_posting_s_translation_then_is_announced(
    libretranslate, across, german, django_capture_on_commit_callbacks
):
    Need.objects.filter(pk=across.need_id).update(translation_requested_at=timezone.now())

    assert _notify(across, django_capture_on_commit_callbacks) == 0
    assert Match.objects.get(pk=across.pk).notified_at is None

    with django_capture_on_commit_callbacks(execute=True):
        _translate(across.need)  # the worker then announces its matches

    assert Match.objects.get(pk=across.pk).notified_at is not None
    [to_german] = _emails_to(german)
    assert DE_NEED_TITLE in to_german.subject


def test_a_match_waits_no_longer_than_the_hold_then_goes_out_untranslated(
    libretranslate, across, german, django_capture_on_commit_callbacks
):
    Need.objects.filter(pk=across.need_id).update(
        translation_requested_at=timezone.now() - HOLD_FOR_TRANSLATION - timedelta(minutes=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        sweep_held_announcements()

    [to_german] = _emails_to(german)
    assert across.need.title_uk in to_german.subject


def test_without_a_translation_service_nothing_waits(
    across, german, django_capture_on_commit_callbacks
):
    Need.objects.filter(pk=across.need_id).update(translation_requested_at=timezone.now())

    assert _notify(across, django_capture_on_commit_callbacks) == 2


def test_the_digest_carries_the_translated_titles(
    libretranslate, across, german, django_capture_on_commit_callbacks
):
    german.match_emails = german.MatchEmails.DAILY
    german.save(update_fields=["match_emails"])
    _translate(across.need)
    _notify(across, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        send_match_digest_of(timezone.localdate())

    [digest] = _emails_to(german)
    assert DE_NEED_TITLE in digest.body


def test_the_quantity_reason_is_in_the_reader_s_numbers_and_unit(libretranslate, across):
    _translate(across.need)
    match = Match.objects.select_related("need").get(pk=across.pk)
    match.reasons = [{"code": "quantity", "covered": 1.5, "of": 20.0, "unit": "ліжок"}]
    with_translations([match.need])

    with translation.override("de"):
        [german] = describe(match)
    with translation.override("en"):
        [english] = describe(match)

    assert "1,5" in german
    assert "Betten" in german
    assert english == "offer covers 1.5 of 20 beds"
