"""The page of one need or offer: who sees it, its text in the reader's language or the
original, the contact, and what members see and can do."""

import pytest
from django.test import Client
from django.utils import timezone

from postings.models import Posting, PostingChange
from postings.services.history import record
from postings.services.lifecycle import Answer
from tests.factories import MembershipFactory, NeedFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Posting.Status


@pytest.fixture
def need_fields():
    return {"logistics": "Delivery to the regional hospital, loading ramp at gate 3."}


@pytest.fixture
def draft(municipality, official):
    return NeedFactory(
        municipality=municipality,
        contact=official,
        title_en="Draft: generators",
        status=Status.DRAFT,
        published_at=None,
    )


@pytest.fixture
def pending_member_client(pending_municipality) -> Client:
    client = Client()
    client.force_login(MembershipFactory(municipality=pending_municipality).user)
    return client


def _page(client, posting, query: str = "") -> str:
    response = client.get(f"/en/needs/{posting.pk}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_public_need_is_shown_to_anyone_with_all_its_fields(client, need):
    content = _page(client, need)
    assert content.count("<h1") == 1
    assert "Hospital beds" in content
    assert "Beds with mattresses for the regional hospital." in content
    assert f'href="{need.municipality.get_absolute_url()}"' in content
    assert "Health and medical care" in content
    assert "Medical equipment" in content
    assert "Goods" in content
    assert "loading ramp at gate 3" in content


def test_an_offer_has_its_own_page(client, municipality):
    offer = OfferFactory(municipality=municipality, title_en="Fire engine to give")
    response = client.get(f"/en/offers/{offer.pk}/")
    assert response.status_code == 200
    assert "Fire engine to give" in response.content.decode()


def test_a_missing_posting_is_a_404(client):
    assert client.get("/en/needs/999999/").status_code == 404


def test_a_need_is_not_found_under_the_offers(client, need):
    assert client.get(f"/en/offers/{need.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["client", "outsider_client", "pending_member_client"])
def test_a_draft_is_not_found_by_outsiders(request, draft, who):
    assert request.getfixturevalue(who).get(f"/en/needs/{draft.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["official_client", "manager_client", "staff_client"])
def test_a_draft_is_shown_to_members_and_staff(request, draft, who):
    assert "Draft: generators" in _page(request.getfixturevalue(who), draft)


@pytest.mark.parametrize(
    "change",
    [
        {"status": Status.WITHDRAWN},
        {"hidden_at": timezone.now(), "hidden_reason": "Spam"},
    ],
)
def test_withdrawn_and_hidden_postings_are_for_members_only(
    client, outsider_client, official_client, need, change
):
    type(need).objects.filter(pk=need.pk).update(**change)
    assert client.get(f"/en/needs/{need.pk}/").status_code == 404
    assert outsider_client.get(f"/en/needs/{need.pk}/").status_code == 404
    assert official_client.get(f"/en/needs/{need.pk}/").status_code == 200


def test_members_see_why_a_posting_was_hidden(official_client, need):
    type(need).objects.filter(pk=need.pk).update(
        hidden_at=timezone.now(), hidden_reason="Looks like an advertisement."
    )
    assert "Looks like an advertisement." in _page(official_client, need)


def test_the_contact_is_shown_to_officials_of_verified_municipalities(
    outsider_client, staff_client, need, official
):
    for client in (outsider_client, staff_client):
        content = _page(client, need)
        assert official.email in content
        assert official.get_full_name() in content


def test_the_contact_is_not_shown_to_the_anonymous(client, need, official):
    content = _page(client, need)
    assert official.email not in content
    assert "/en/accounts/login/?next=/en/needs/" in content


def test_the_contact_is_not_shown_to_members_of_a_pending_municipality(
    pending_member_client, need, official
):
    content = _page(pending_member_client, need)
    assert official.email not in content
    assert "Contact details are shown to officials of verified municipalities." in content


def test_the_contact_is_not_shown_to_a_user_without_a_municipality(client, need, official):
    client.force_login(UserFactory())
    assert official.email not in _page(client, need)


@pytest.fixture
def ukrainian_need(municipality):
    return NeedFactory(
        municipality=municipality,
        original_language="uk",
        title_uk="Потрібні лікарняні ліжка",
        description_uk="Для обласної лікарні.",
        title_en="Hospital beds needed",
        description_en="For the regional hospital.",
    )


def test_the_translation_is_shown_with_a_switch_to_the_original(client, ukrainian_need):
    content = _page(client, ukrainian_need)
    assert '<h1 lang="en">Hospital beds needed</h1>' in content
    assert "Потрібні лікарняні ліжка" not in content
    assert "Written in Ukrainian" in content
    assert 'href="?original=1"' in content


def test_the_original_switch_shows_the_original_text(client, ukrainian_need):
    content = _page(client, ukrainian_need, "?original=1")
    assert '<h1 lang="uk">Потрібні лікарняні ліжка</h1>' in content
    assert "Для обласної лікарні." in content
    assert "For the regional hospital." not in content
    assert "Show the translation into English" in content


def test_without_a_translation_the_original_is_shown_and_said_so(client, municipality):
    need = NeedFactory(
        municipality=municipality,
        original_language="de",
        title_en="",
        description_en="",
        title_de="Feuerwehrschläuche",
        description_de="Zwanzig Stück.",
    )
    content = _page(client, need)
    assert '<h1 lang="de">Feuerwehrschläuche</h1>' in content
    assert "Written in German." in content
    assert "?original=1" not in content


def test_readers_in_the_original_language_see_no_switch(client, ukrainian_need):
    content = client.get(f"/uk/needs/{ukrainian_need.pk}/").content.decode()
    assert '<h1 lang="uk">Потрібні лікарняні ліжка</h1>' in content
    assert "?original=1" not in content


def test_the_history_is_shown_to_members_only(official_client, manager_client, client, need):
    record(need, PostingChange.Action.EDITED, need.contact, {"quantity": ["10", "20"]})
    for member in (official_client, manager_client):
        content = _page(member, need)
        assert "History" in content
        assert "Edited" in content
        assert "quantity" in content
    assert "History" not in _page(client, need)


def test_the_history_is_shown_to_staff(staff_client, need):
    record(need, PostingChange.Action.PUBLISHED, need.contact)
    content = _page(staff_client, need)
    # The status badge and the date label say "Published" too: look in the history only.
    history = content.split('id="history-heading"', 1)[1].split("</section>", 1)[0]
    assert "History" in history
    assert "Published" in history


def test_outsiders_see_no_history_nor_actions(outsider_client, need):
    content = _page(outsider_client, need)
    assert "History" not in content
    assert "/edit/" not in content
    assert "/confirm/" not in content


def test_members_get_the_actions_of_an_open_posting(official_client, need):
    content = _page(official_client, need)
    assert f'href="/en/needs/{need.pk}/edit/"' in content
    assert f'action="/en/needs/{need.pk}/withdraw/"' in content
    assert f'action="/en/needs/{need.pk}/confirm/"' in content
    for answer in Answer:
        assert f'name="answer" value="{answer}"' in content
    assert "/publish/" not in content
    assert "/approve/" not in content


def test_a_draft_can_be_published(official_client, draft):
    content = _page(official_client, draft)
    assert f'action="/en/needs/{draft.pk}/publish/"' in content
    assert "/confirm/" not in content


def test_a_draft_waiting_for_approval_is_approved_by_a_manager(
    official_client, manager_client, draft
):
    type(draft).objects.filter(pk=draft.pk).update(submitted_at=timezone.now())
    assert "/approve/" not in _page(official_client, draft)
    assert "/publish/" not in _page(official_client, draft)
    assert f'action="/en/needs/{draft.pk}/approve/"' in _page(manager_client, draft)


def test_a_closed_posting_cannot_be_edited_or_withdrawn(official_client, need):
    type(need).objects.filter(pk=need.pk).update(status=Status.FULFILLED)
    content = _page(official_client, need)
    assert "/edit/" not in content
    assert "/withdraw/" not in content
    assert "/confirm/" not in content


def test_other_officials_may_report_a_posting(outsider_client, need):
    content = _page(outsider_client, need)
    assert f'action="/en/needs/{need.pk}/report/"' in content
    assert '<textarea id="report-reason" name="reason"' in content


def test_members_and_the_anonymous_cannot_report(
    official_client, pending_member_client, client, need
):
    for visitor in (official_client, pending_member_client, client):
        assert "/report/" not in _page(visitor, need)
