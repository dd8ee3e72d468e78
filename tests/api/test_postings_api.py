"""Needs and offers over the API: the same rules as the pages, for members of the municipality;
texts per language; drafts for members only; actions; upsert by external id."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from needs.models import Need
from offers.models import Offer
from postings.models import Posting, PostingChange
from tests.api.clients import token_client
from tests.factories import MembershipFactory, NeedFactory, OfferFactory, StaffFactory

pytestmark = pytest.mark.django_db

NEEDS = "/api/v1/needs/"


def _body(municipality, **overrides) -> dict:
    return {
        "municipality": str(municipality.uuid),
        "original_language": "uk",
        "title": {"uk": "Лікарняні ліжка", "de": "Krankenhausbetten"},
        "description": {"uk": "Двадцять ліжок з матрацами."},
        "sector": "health",
        "topic": "medical-equipment",
        "help_kind": "goods",
        "quantity": 20,
        "unit": "ліжок",
        **overrides,
    }


def _detail(posting: Posting) -> str:
    return f"/api/v1/{posting._meta.app_label}/{posting.uuid}/"


def test_an_official_creates_a_need_with_texts_per_language(official, municipality):
    response = token_client(official).post(NEEDS, _body(municipality), format="json")
    assert response.status_code == 201, response.json()
    need = Need.objects.get(uuid=response.json()["id"])
    assert (need.title_uk, need.title_de, need.title_en) == (
        "Лікарняні ліжка",
        "Krankenhausbetten",
        None,
    )
    assert need.status == Posting.Status.PUBLISHED
    assert need.created_by == official
    assert response["Location"].endswith(f"/api/v1/needs/{need.uuid}/")
    assert response.json()["title"] == {
        "en": None,
        "de": "Krankenhausbetten",
        "uk": "Лікарняні ліжка",
        "fr": None,
        "pl": None,
    }
    assert PostingChange.objects.filter(object_id=need.pk, action="created").exists()


def test_publish_false_keeps_a_draft(official, municipality):
    body = _body(municipality, publish=False)
    response = token_client(official).post(NEEDS, body, format="json")
    assert response.json()["status"] == "draft"


def test_an_official_of_an_approving_municipality_submits_instead(official, municipality):
    municipality.approval_required = True
    municipality.save()
    response = token_client(official).post(NEEDS, _body(municipality), format="json")
    assert response.json()["status"] == "draft"
    assert response.json()["waiting_for_approval"] is True


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"sector": "no-such-sector"}, "sector"),
        ({"topic": "firefighting"}, "topic"),  # a topic of another sector
        ({"needed_by": "2020-01-01"}, "needed_by"),
        ({"quantity": "lots"}, "quantity"),
        ({"quantity": -3}, "quantity"),
        ({"unit": ""}, "unit"),  # a quantity without its unit
        ({"title": {"de": "Nur Deutsch"}}, "title.uk"),  # no text in the original language
        ({"title": {"xx": "?"}}, "title"),
        ({"title": {"uk": "x" * 201}}, "title"),
        ({"title": {"uk": "a\x00b"}}, "title"),
        ({"logistics": 42}, "logistics"),
        ({"contact": "nobody@example.org"}, "contact"),
        ({"surprise": True}, "surprise"),
    ],
)
def test_bad_input_is_a_400_that_names_the_field(official, municipality, overrides, field):
    response = token_client(official).post(NEEDS, _body(municipality, **overrides), format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"], response.json()
    assert not Need.objects.exists()


def test_a_contact_from_another_municipality_is_refused(official, municipality, outsider):
    response = token_client(official).post(
        NEEDS, _body(municipality, contact=outsider.email), format="json"
    )
    assert response.status_code == 400
    assert "contact" in response.json()["errors"]


def test_nobody_posts_for_a_municipality_they_do_not_belong_to(outsider, municipality):
    response = token_client(outsider).post(NEEDS, _body(municipality), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_anonymous_reads_public_needs_but_cannot_write(municipality, need):
    client = APIClient()
    assert client.get(_detail(need)).status_code == 200
    response = client.post(NEEDS, _body(municipality), format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_drafts_are_for_the_municipality_s_members_and_staff(
    municipality, manager, official, outsider
):
    draft = NeedFactory(municipality=municipality, status=Posting.Status.DRAFT, published_at=None)
    pending_member = MembershipFactory(municipality__status="pending").user
    for user in (official, manager, StaffFactory()):
        assert token_client(user).get(_detail(draft)).status_code == 200
    for client in (token_client(outsider), token_client(pending_member), APIClient()):
        response = client.get(_detail(draft))
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_contact_details_are_for_officials_only(need, official, outsider):
    assert APIClient().get(_detail(need)).json()["contact"] is None
    shown = token_client(outsider).get(_detail(need)).json()["contact"]
    assert shown == {"name": official.display_name, "email": official.email}


def test_a_member_updates_a_need_partly(need, official):
    response = token_client(official).patch(
        _detail(need), {"quantity": 30, "title": {"de": "Betten"}}, format="json"
    )
    assert response.status_code == 200, response.json()
    need.refresh_from_db()
    assert (need.quantity, need.title_de, need.title_en) == (30, "Betten", "Hospital beds")
    assert PostingChange.objects.get(object_id=need.pk, action="edited").changes == {
        "quantity": ["20.00", "30.00"],
        "title_de": [None, "Betten"],
    }


def test_another_municipality_cannot_update_or_act(need, outsider):
    client = token_client(outsider)
    assert client.patch(_detail(need), {"quantity": 1}, format="json").status_code == 403
    assert client.post(f"{_detail(need)}withdraw/", {}, format="json").status_code == 403
    need.refresh_from_db()
    assert (need.quantity, need.status) == (20, Posting.Status.PUBLISHED)


def test_a_closed_need_cannot_be_edited(need, official):
    need.status = Posting.Status.WITHDRAWN
    need.save()
    response = token_client(official).patch(_detail(need), {"quantity": 1}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"]


def test_withdraw_confirm_and_publish_act_through_the_services(official, municipality):
    client = token_client(official)
    draft = client.post(NEEDS, _body(municipality, publish=False), format="json").json()
    url = f"{NEEDS}{draft['id']}/"
    assert client.post(f"{url}publish/", format="json").json()["status"] == "published"
    confirmed = client.post(f"{url}confirm/", {"answer": "partly-covered"}, format="json")
    assert confirmed.json()["status"] == "partly_covered"
    bad = client.post(f"{url}confirm/", {"answer": "maybe"}, format="json")
    assert bad.status_code == 400
    assert "answer" in bad.json()["errors"]
    withdrawn = client.post(f"{url}withdraw/", {"reason": "Covered locally."}, format="json")
    assert withdrawn.json()["status"] == "withdrawn"
    assert PostingChange.objects.get(action="withdrawn").note == "Covered locally."


def test_only_staff_hide_and_restore(
    need, official, mailoutbox, django_capture_on_commit_callbacks
):
    url = _detail(need)
    assert (
        token_client(official).post(f"{url}hide/", {"reason": "x"}, format="json").status_code
        == 403
    )
    staff = token_client(StaffFactory())
    assert staff.post(f"{url}hide/", {}, format="json").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        hidden = staff.post(f"{url}hide/", {"reason": "A scam."}, format="json")
    assert hidden.json()["hidden"] is True
    assert [message.to for message in mailoutbox] == [[need.contact.email]]
    assert APIClient().get(url).status_code == 404
    assert staff.post(f"{url}restore/", format="json").json()["hidden"] is False


def test_offers_have_their_own_date_and_the_same_rules(offering, giver):
    body = _body(offering, available_until=str(timezone.localdate() + timedelta(days=30)))
    response = token_client(giver).post("/api/v1/offers/", body, format="json")
    assert response.status_code == 201, response.json()
    assert Offer.objects.get(uuid=response.json()["id"]).available_until is not None
    assert "needed_by" not in response.json()
    wrong = token_client(giver).post(
        "/api/v1/offers/", _body(offering, needed_by=None), format="json"
    )
    assert "needed_by" in wrong.json()["errors"]


def test_upsert_by_external_id_creates_then_updates(official, municipality):
    client = token_client(official)
    url = f"{NEEDS}by-external-id/{municipality.uuid}/register-17/"
    created = client.put(url, _body(municipality), format="json")
    assert created.status_code == 201, created.json()
    updated = client.put(url, _body(municipality, quantity=25), format="json")
    assert updated.status_code == 200
    assert updated.json()["id"] == created.json()["id"]
    need = Need.objects.get()
    assert (need.external_id, need.quantity) == ("register-17", 25)


def test_an_external_id_is_unique_per_municipality(official, municipality, offering, giver):
    NeedFactory(municipality=municipality, external_id="A-1")
    clash = token_client(official).post(
        NEEDS, _body(municipality, external_id="A-1"), format="json"
    )
    assert clash.status_code == 400
    assert "external_id" in clash.json()["errors"]
    elsewhere = token_client(giver).put(
        f"{NEEDS}by-external-id/{offering.uuid}/A-1/", _body(offering), format="json"
    )
    assert elsewhere.status_code == 201


def test_upsert_for_another_municipality_is_refused(outsider, municipality):
    url = f"{NEEDS}by-external-id/{municipality.uuid}/x/"
    assert token_client(outsider).put(url, _body(municipality), format="json").status_code == 403
    assert not Need.objects.exists()


def test_the_taxonomy_comes_with_every_translation():
    sectors = APIClient().get("/api/v1/sectors/").json()
    health = next(sector for sector in sectors if sector["slug"] == "health")
    assert set(health["name"]) == {"en", "de", "uk", "fr", "pl"}
    assert all(health["name"].values())
    topics = APIClient().get("/api/v1/topics/").json()
    assert {"slug": "firefighting", "sector": "civil-protection"}.items() <= next(
        topic for topic in topics if topic["slug"] == "firefighting"
    ).items()
    assert APIClient().get("/api/v1/kinds-of-help/goods/").json()["slug"] == "goods"


def test_integer_keys_never_leave_the_server(need, offering):
    OfferFactory(municipality=offering)
    for url in (_detail(need), NEEDS, "/api/v1/offers/"):
        text = APIClient().get(url).content.decode()
        assert f'"id":{need.pk}' not in text.replace(" ", "")
        assert '"pk"' not in text
