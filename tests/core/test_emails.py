import pytest

from core.emails import send_email_to_users
from tests.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_recipient_gets_the_email_in_their_own_language(mailoutbox):
    municipality = MunicipalityFactory(name_en="Dunkirk", name_fr="Dunkerque")
    english = UserFactory(language="en")
    french = UserFactory(language="fr")
    send_email_to_users([english, french], "municipality_verified", {"municipality": municipality})
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert "Dunkirk" in by_recipient[english.email].subject
    assert "Dunkerque" in by_recipient[french.email].subject
    assert "/fr/municipalities/" in by_recipient[french.email].body


def test_plain_text_parts_are_not_html_escaped(mailoutbox):
    municipality = MunicipalityFactory(name_en="Chełm & Bytów")
    send_email_to_users([UserFactory()], "municipality_verified", {"municipality": municipality})
    message = mailoutbox[0]
    assert "Chełm & Bytów" in message.subject
    assert "Chełm & Bytów" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Chełm &amp; Bytów" in html
