import pytest

from core.emails import queue_email_to_users
from core.models import OutgoingEmail
from tests.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_recipient_gets_the_email_in_their_own_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    municipality = MunicipalityFactory(name_en="Dunkirk", name_fr="Dunkerque")
    english = UserFactory(language="en")
    french = UserFactory(language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        queue_email_to_users(
            [english, french], "municipality_verified", {"municipality": municipality}
        )
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert "Dunkirk" in by_recipient[english.email].subject
    assert "Dunkerque" in by_recipient[french.email].subject
    assert "/fr/municipalities/" in by_recipient[french.email].body


def test_plain_text_parts_are_not_html_escaped(mailoutbox, django_capture_on_commit_callbacks):
    municipality = MunicipalityFactory(name_en="Chełm & Bytów")
    with django_capture_on_commit_callbacks(execute=True):
        queue_email_to_users(
            [UserFactory()], "municipality_verified", {"municipality": municipality}
        )
    message = mailoutbox[0]
    assert "Chełm & Bytów" in message.subject
    assert "Chełm & Bytów" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Chełm &amp; Bytów" in html


def test_nothing_is_sent_before_the_transaction_commits(
    mailoutbox, django_capture_on_commit_callbacks
):
    municipality = MunicipalityFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_email_to_users(
            [UserFactory()], "municipality_verified", {"municipality": municipality}
        )
    assert mailoutbox == []
    assert len(callbacks) == 1
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.QUEUED


def test_an_email_with_the_same_key_is_queued_only_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    municipality = MunicipalityFactory()
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_email_to_users(
            [user], "municipality_verified", {"municipality": municipality}, key="k"
        )
        second = queue_email_to_users(
            [user], "municipality_verified", {"municipality": municipality}, key="k"
        )
    assert (first, second) == (1, 0)
    assert len(mailoutbox) == 1
