"""Messages in the reader's language: the worker translates a message for the people of the
conversation, then emails the other side in their language with the original below; without a
translation service, or with one that is down, the message goes out as written."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone

from matching import services
from matching.message_delivery import HOLD_FOR_TRANSLATION, LOST_AFTER
from matching.models import Message, MessageTranslation
from matching.tasks import MESSAGE_TRANSLATION_TRIES, deliver_message, sweep_held_announcements
from tests.api.clients import token_client
from tests.factories import match_url

pytestmark = pytest.mark.django_db

GERMAN = "Wir können 20 Betten nächste Woche schicken."
UKRAINIAN = "Ми можемо надіслати 20 ліжок наступного тижня."


def _post(user, match, body, capture) -> Message:
    with capture(execute=True):
        message = services.message_post(user=user, match=match, body=body)
    message.refresh_from_db()
    return message


def test_the_other_side_reads_the_message_in_its_language_with_the_original_below(
    libretranslate, talking, german, ukrainian, django_capture_on_commit_callbacks
):
    message = _post(german, talking, GERMAN, django_capture_on_commit_callbacks)

    assert message.language == "de"
    assert message.translations.get().language == "uk"  # the German side needs none
    [email] = mail.outbox
    assert email.to == [ukrainian.email]
    assert UKRAINIAN in email.body
    assert email.body.index(UKRAINIAN) < email.body.index(GERMAN)
    html = email.alternatives[0][0]
    assert '<blockquote lang="uk"' in html
    assert 'lang="de"' in html
    assert message.announced_at is not None


def test_the_page_shows_the_translation_with_the_original_a_click_away(
    client, libretranslate, talking, german, ukrainian, django_capture_on_commit_callbacks
):
    _post(german, talking, GERMAN, django_capture_on_commit_callbacks)
    client.force_login(ukrainian)

    translated = client.get(match_url(talking, language="uk")).content.decode()
    written = client.get(match_url(talking, language="uk") + "?original=1").content.decode()

    assert f'<p lang="uk">{UKRAINIAN}</p>' in translated
    assert "<details>" in translated
    assert f'<p lang="de">{GERMAN}</p>' in translated  # inside the details
    assert UKRAINIAN not in written
    assert f'<p lang="de">{GERMAN}</p>' in written


def test_the_writer_reads_their_own_message_as_written(
    client, libretranslate, talking, german, django_capture_on_commit_callbacks
):
    _post(german, talking, GERMAN, django_capture_on_commit_callbacks)
    client.force_login(german)

    content = client.get(match_url(talking, language="de")).content.decode()

    assert f'<p lang="de">{GERMAN}</p>' in content
    assert "<details>" not in content.split('id="conversation"')[1]


def test_without_a_translation_service_the_email_goes_out_at_once_as_written(
    talking, german, ukrainian, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = services.message_post(user=german, match=talking, body=GERMAN)

    assert len(mail.outbox) == 0  # queued in the transaction, sent after commit
    for callback in callbacks:
        callback()
    [email] = mail.outbox
    assert GERMAN in email.body
    assert not MessageTranslation.objects.exists()
    message.refresh_from_db()
    assert message.announced_at is not None


def test_while_the_service_is_down_the_email_waits_for_the_next_try(
    libretranslate, talking, german, django_capture_on_commit_callbacks
):
    libretranslate.fail_next(503)

    message = _post(german, talking, GERMAN, django_capture_on_commit_callbacks)

    assert message.announced_at is None  # the worker tries again in 30 s (not run in tests)
    assert len(mail.outbox) == 0


@pytest.mark.parametrize("late", ["out of tries", "waited long enough"])
def test_a_service_that_stays_down_sends_the_email_as_written_in_the_end(
    libretranslate, talking, german, ukrainian, django_capture_on_commit_callbacks, late
):
    message = Message.objects.create(conversation=talking.conversation, author=german, body=GERMAN)
    libretranslate.fail_next(503)
    tries = {"retries": MESSAGE_TRANSLATION_TRIES} if late == "out of tries" else {}
    if late == "waited long enough":
        Message.objects.filter(pk=message.pk).update(
            created_at=timezone.now() - HOLD_FOR_TRANSLATION
        )

    with django_capture_on_commit_callbacks(execute=True):
        deliver_message.apply(args=[message.pk], **tries)

    [email] = mail.outbox
    assert GERMAN in email.body
    assert UKRAINIAN not in email.body


def test_the_sweep_translates_later_what_the_service_could_not(
    libretranslate, talking, german, ukrainian, django_capture_on_commit_callbacks
):
    message = Message.objects.create(conversation=talking.conversation, author=german, body=GERMAN)
    libretranslate.fail_next(503)
    with django_capture_on_commit_callbacks(execute=True):
        deliver_message.apply(args=[message.pk], retries=MESSAGE_TRANSLATION_TRIES)
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - LOST_AFTER - timedelta(minutes=1)
    )

    assert sweep_held_announcements() == 1

    assert message.translations.get().text == UKRAINIAN
    assert len(mail.outbox) == 1  # emailed once, as written


def test_a_message_the_service_refused_is_not_sent_to_it_again(
    libretranslate, talking, german, django_capture_on_commit_callbacks
):
    message = Message.objects.create(conversation=talking.conversation, author=german, body=GERMAN)
    libretranslate.fail_next(400)
    with django_capture_on_commit_callbacks(execute=True):
        deliver_message.apply(args=[message.pk])
    asked = len(libretranslate.requests)
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - LOST_AFTER - timedelta(minutes=1)
    )

    assert sweep_held_announcements() == 0

    assert len(libretranslate.requests) == asked
    [email] = mail.outbox  # sent as written
    assert GERMAN in email.body


def test_messages_stored_before_the_worker_recorded_translations_count_as_translated(
    talking, german
):
    written, waiting = (
        Message.objects.create(
            conversation=talking.conversation, author=german, body=GERMAN, language=language
        )
        for language in ("de", "")
    )

    importlib.import_module("matching.migrations.0011_message_translated_at").mark_translated(
        apps, None
    )

    written.refresh_from_db()
    waiting.refresh_from_db()
    assert written.translated_at == written.created_at
    assert waiting.translated_at is None


def test_the_sweep_delivers_a_message_whose_task_was_lost(
    libretranslate, talking, german, django_capture_on_commit_callbacks
):
    message = Message.objects.create(conversation=talking.conversation, author=german, body=GERMAN)
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - LOST_AFTER - timedelta(minutes=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_held_announcements() == 1

    [email] = mail.outbox
    assert UKRAINIAN in email.body


def test_the_sweep_leaves_a_message_whose_task_may_still_run(libretranslate, talking, german):
    Message.objects.create(conversation=talking.conversation, author=german, body=GERMAN)

    assert sweep_held_announcements() == 0


def test_a_message_is_announced_once_however_often_it_is_delivered(
    libretranslate, talking, german, django_capture_on_commit_callbacks
):
    message = _post(german, talking, GERMAN, django_capture_on_commit_callbacks)

    assert deliver_message(message.pk) == 0
    assert len(mail.outbox) == 1
    assert message.translations.count() == 1


def test_the_api_gives_the_translations_of_a_message(
    libretranslate, talking, german, ukrainian, django_capture_on_commit_callbacks
):
    message = _post(german, talking, GERMAN, django_capture_on_commit_callbacks)

    response = token_client(ukrainian).get(f"/api/v1/messages/{message.uuid}/")

    assert response.status_code == 200
    assert response.json()["language"] == "de"
    assert response.json()["translations"] == {"uk": UKRAINIAN}
