"""The worker translates a posting's texts into the other languages after it is saved, never
over what a person wrote, and a translation service that is down loses nothing."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from needs.models import Need
from postings.models import PostingTranslation
from postings.selectors import with_translations
from postings.services import lifecycle
from postings.services.pending import OVERDUE_AFTER
from postings.services.translation import RETRY_REFUSED_AFTER, TRANSLATION
from postings.tasks import sweep_pending_translations, translate_posting
from tests.postings.languages import BEDS_UK, post_need, ukrainian_need

pytestmark = pytest.mark.django_db


def _translations(posting) -> dict[tuple[str, str], PostingTranslation]:
    rows = PostingTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(posting), object_id=posting.pk
    )
    return {(row.field, row.language): row for row in rows}


def _posted(official, municipality, capture, **fields) -> Need:
    with capture(execute=True):
        need = post_need(official, municipality, **fields)
    need.refresh_from_db()
    return need


def test_a_saved_posting_is_translated_into_every_other_language(
    libretranslate, official, municipality, django_capture_on_commit_callbacks
):
    need = _posted(official, municipality, django_capture_on_commit_callbacks)

    rows = _translations(need)
    assert {language for _field, language in rows} == {"en", "de", "fr", "pl"}
    assert {field for field, _language in rows} == {"title", "description", "logistics", "unit"}
    assert rows["title", "de"].text == "Krankenhausbetten und Patientenmonitore"
    assert rows["unit", "de"].text == "Betten"
    assert all(row.machine for row in rows.values())
    assert sorted(libretranslate.targets()) == ["de", "en", "fr", "pl"]  # one request each
    assert libretranslate.requests[0]["source"] == "uk"
    assert not need.translation_pending


def test_what_the_author_wrote_in_a_language_is_not_translated_over(
    libretranslate, official, municipality, django_capture_on_commit_callbacks
):
    need = _posted(
        official, municipality, django_capture_on_commit_callbacks, title_de="Pflegebetten"
    )

    rows = _translations(need)
    assert ("title", "de") not in rows
    assert ("description", "de") in rows
    need.refresh_from_db()
    assert need.display_title != "Krankenhausbetten und Patientenmonitore"


def test_an_edit_retranslates_only_what_changed(
    libretranslate, official, municipality, django_capture_on_commit_callbacks
):
    need = _posted(official, municipality, django_capture_on_commit_callbacks)
    libretranslate.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.posting_update(user=official, posting=need, unit="матраців")

    assert sorted(libretranslate.targets()) == ["de", "en", "fr", "pl"]
    assert {tuple(request["q"]) for request in libretranslate.requests} == {("матраців",)}
    assert _translations(need)["unit", "de"].text == "[de] матраців"


def test_an_edit_of_something_else_translates_nothing(
    libretranslate, official, municipality, django_capture_on_commit_callbacks
):
    need = _posted(official, municipality, django_capture_on_commit_callbacks)
    libretranslate.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.posting_update(user=official, posting=need, quantity=25)

    assert libretranslate.requests == []


def test_a_machine_translation_of_an_older_text_is_not_shown(libretranslate, municipality):
    need = ukrainian_need(municipality)
    translate_posting(need._meta.label_lower, need.pk)
    Need.objects.filter(pk=need.pk).update(title_uk="Ліжка для лікарні")
    [need] = with_translations([Need.objects.get(pk=need.pk)])

    assert need.shown("title", "de").text == "Ліжка для лікарні"
    assert need.shown("description", "de").machine


@pytest.mark.parametrize("status", [500, 503])
def test_a_backend_that_fails_leaves_the_original_and_the_task_retries(
    libretranslate, municipality, status
):
    need = ukrainian_need(municipality)
    libretranslate.fail_next(status)

    translate_posting.apply(args=[need._meta.label_lower, need.pk], throw=False)  # retried here

    assert len(libretranslate.requests) == 5  # the failure, then the four languages
    assert len(_translations(need)) == 16


def test_a_backend_that_stays_down_loses_nothing_and_the_sweep_catches_up(
    libretranslate, municipality
):
    need = ukrainian_need(municipality)
    libretranslate.delay = 1.5  # longer than TRANSLATION_TIMEOUT

    with pytest.raises(Exception, match="timed out"):
        translate_posting(need._meta.label_lower, need.pk)
    [need] = with_translations([Need.objects.get(pk=need.pk)])
    assert need.translation_pending
    assert need.shown("title", "de").text == BEDS_UK["title_uk"]

    libretranslate.delay = 0
    Need.objects.filter(pk=need.pk).update(
        translation_requested_at=timezone.now() - OVERDUE_AFTER - timedelta(minutes=1)
    )
    assert sweep_pending_translations() == 1
    need.refresh_from_db()
    assert not need.translation_pending
    assert len(_translations(need)) == 16


def test_a_refused_language_is_left_for_the_sweep_and_the_others_are_kept(
    libretranslate, municipality
):
    need = ukrainian_need(municipality)
    libretranslate.fail_next(400)

    translate_posting(need._meta.label_lower, need.pk)

    need.refresh_from_db()
    assert need.translation_pending
    assert len({language for _field, language in _translations(need)}) == 3


def test_a_refused_posting_is_asked_again_after_a_day_not_at_every_sweep(
    libretranslate, municipality
):
    need = ukrainian_need(municipality)
    libretranslate.fail_next(400)
    translate_posting(need._meta.label_lower, need.pk)
    stamp = Need.objects.get(pk=need.pk).translation_requested_at

    def later(by: timedelta) -> int:  # the sweep, as it would run `by` from now
        Need.objects.filter(pk=need.pk).update(translation_requested_at=stamp - by)
        return sweep_pending_translations()

    assert later(OVERDUE_AFTER + timedelta(minutes=1)) == 0
    assert later(RETRY_REFUSED_AFTER + timedelta(minutes=1)) == 1


def test_the_sweep_leaves_postings_whose_task_is_not_overdue(libretranslate, municipality):
    need = ukrainian_need(municipality)
    Need.objects.filter(pk=need.pk).update(translation_requested_at=timezone.now())

    assert sweep_pending_translations() == 0


def test_postings_saved_before_a_backend_was_set_up_are_translated_by_the_sweep(
    settings, official, municipality, django_capture_on_commit_callbacks, libretranslate
):
    settings.TRANSLATION_BACKEND = "none"
    need = _posted(official, municipality, django_capture_on_commit_callbacks)
    assert need.translation_pending
    assert need.translation_requested_at is None
    assert sweep_pending_translations() == 0

    settings.TRANSLATION_BACKEND = "libretranslate"
    assert sweep_pending_translations() == 1
    assert len(_translations(need)) == 16


def test_without_a_backend_saving_a_posting_sends_nothing_anywhere(
    official, municipality, django_capture_on_commit_callbacks
):
    need = _posted(official, municipality, django_capture_on_commit_callbacks)

    assert need.translation_pending
    assert not _translations(need)
    assert translate_posting(need._meta.label_lower, need.pk) == 0


def test_storing_translations_changes_the_posting_for_api_clients(libretranslate, municipality):
    need = ukrainian_need(municipality)
    before = need.updated_at

    translate_posting(need._meta.label_lower, need.pk)

    need.refresh_from_db()
    assert need.updated_at > before


def test_a_posting_edited_while_its_refused_translation_ran_keeps_its_new_request(municipality):
    need = ukrainian_need(municipality)
    started = timezone.now()
    TRANSLATION.mark(need)  # edited while the task ran: a new task is on its way
    marked = Need.objects.get(pk=need.pk).translation_requested_at

    TRANSLATION.retry_later(Need, need.pk, started, RETRY_REFUSED_AFTER)

    assert Need.objects.get(pk=need.pk).translation_requested_at == marked
