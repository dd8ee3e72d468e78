"""Only the two municipalities' members and staff read and write a match's conversation; each
message is emailed to the other side, in each recipient's language, once."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied

from core.emails import queue_email_to_users
from core.models import OutgoingEmail
from matching import services
from matching.message_delivery import message_recipients
from matching.models import Match, Message
from municipalities.models import Membership, Municipality
from tests.factories import MatchFactory, MembershipFactory, NeedFactory, OfferFactory, match_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def giver(giver):
    """The offering city's manager, who reads German."""
    giver.language = "de"
    giver.save(update_fields=["language"])
    return giver


@pytest.fixture
def giver_colleague(offering):
    return MembershipFactory(
        municipality=offering, role=Membership.Role.OFFICIAL, user__language="pl"
    ).user


@pytest.fixture
def pending_member(pending_municipality):
    return MembershipFactory(municipality=pending_municipality, role=Membership.Role.MANAGER).user


@pytest.fixture
def match(municipality, offering, official, giver_colleague):
    need = NeedFactory(
        municipality=municipality,
        contact=official,
        title_en="Hospital beds",
        title_de="Krankenhausbetten",
        title_uk="Лікарняні ліжка",
    )
    offer = OfferFactory(municipality=offering, contact=giver_colleague)
    return MatchFactory(need=need, offer=offer, reasons=[])


@pytest.fixture
def conversation(match, official):
    return services.match_contact(user=official, match=match)


# The service


@pytest.mark.parametrize("persona", ["official", "manager", "giver", "giver_colleague", "staff"])
def test_the_two_cities_and_staff_write(request, match, conversation, persona):
    user = request.getfixturevalue(persona)

    services.message_post(user=user, match=match, body="Hello")

    assert Message.objects.filter(author=user).count() == 1


@pytest.mark.parametrize("persona", ["outsider", "pending_member", "new_user"])
def test_others_do_not_write(request, match, conversation, persona):
    user = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        services.message_post(user=user, match=match, body="Hello")
    assert not Message.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "pending_member", "staff"])
def test_only_the_two_cities_contact(request, match, persona):
    with pytest.raises(PermissionDenied):
        services.match_contact(user=request.getfixturevalue(persona), match=match)
    assert Match.objects.get().status == Match.Status.SUGGESTED


def test_a_city_that_lost_its_verification_no_longer_writes(match, conversation, giver, offering):
    offering.status = Municipality.Status.PENDING
    offering.save()

    with pytest.raises(PermissionDenied):
        services.message_post(user=giver, match=match, body="Hello")


def test_a_member_without_a_verified_email_does_not_write(match, conversation, giver):
    EmailAddress.objects.filter(user=giver).update(verified=False)

    with pytest.raises(PermissionDenied):
        services.message_post(user=giver, match=match, body="Hello")


# The pages


@pytest.mark.parametrize(
    "persona", ["official_client", "manager_client", "giver_client", "staff_client"]
)
def test_the_two_cities_and_staff_read(request, match, conversation, persona):
    response = request.getfixturevalue(persona).get(match_url(match))

    assert response.status_code == 200


@pytest.fixture
def pending_client(client, pending_member):
    client.force_login(pending_member)
    return client


@pytest.mark.parametrize("persona", ["outsider_client", "pending_client"])
def test_others_do_not_find_the_match(request, match, conversation, persona):
    client = request.getfixturevalue(persona)

    assert client.get(match_url(match)).status_code == 404
    assert client.post(match_url(match, "messages"), {"body": "Hello"}).status_code == 404
    assert client.post(match_url(match, "contact")).status_code == 404
    assert not Message.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, match, conversation):
    page = client.get(match_url(match))
    post = client.post(match_url(match, "messages"), {"body": "Hello"})

    assert page.status_code == 302
    assert "/accounts/login/" in page["Location"]
    assert post.status_code == 302
    assert "/accounts/login/" in post["Location"]
    assert not Message.objects.exists()


def test_a_reader_who_may_not_write_is_refused(giver_client, giver, match, conversation):
    EmailAddress.objects.filter(user=giver).update(verified=False)

    response = giver_client.post(match_url(match, "messages"), {"body": "Hello"})

    assert response.status_code == 403
    assert not Message.objects.exists()


def test_members_post_through_the_page(official_client, match, conversation):
    response = official_client.post(
        match_url(match, "messages"), {"body": "When can you send them?"}
    )

    assert response.status_code == 302
    assert Message.objects.get().body == "When can you send them?"


def test_contact_details_are_hidden_until_the_conversation_starts(
    official_client, official, match, giver_colleague
):
    before = official_client.get(match_url(match)).content.decode()
    official_client.post(match_url(match, "contact"))
    after = official_client.get(match_url(match)).content.decode()

    assert giver_colleague.email not in before
    assert giver_colleague.email in after


# The email to the other side


def test_a_message_is_emailed_to_the_other_side_s_contact_in_their_language(
    match, conversation, official, giver_colleague, django_capture_on_commit_callbacks
):
    giver_colleague.language = "de"
    giver_colleague.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        message = services.message_post(user=official, match=match, body="Sind 20 Betten frei?")

    [email] = mail.outbox
    assert email.to == [giver_colleague.email]
    assert "Krankenhausbetten" in email.subject
    assert "Sind 20 Betten frei?" in email.body
    assert f"/matches/{match.pk}/" in email.body
    assert OutgoingEmail.objects.get(key__startswith=f"message:{message.pk}:").language == "de"


def test_the_other_side_answers_and_the_first_side_s_contact_is_emailed(
    match, conversation, official, manager, giver, django_capture_on_commit_callbacks
):
    official.language = "uk"
    official.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.message_post(user=giver, match=match, body="Ja, nächste Woche.")

    [email] = mail.outbox
    assert email.to == [official.email]
    assert "Лікарняні ліжка" in email.subject


def test_a_message_is_emailed_once(
    match, conversation, official, giver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.message_post(user=official, match=match, body="Hello")
        again = queue_email_to_users(
            message_recipients(match, official),
            "new_message",
            {"match": match, "message": message, "author": official},
            key=f"message:{message.pk}",
        )

    assert again == 0
    assert len(mail.outbox) == 1
