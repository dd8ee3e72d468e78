"""Who may do what with needs and offers through the API: every endpoint and method, for the
manager and the official of the owning municipality, an official of another municipality, a
member of a pending municipality, staff, an anonymous caller, an expired and a revoked token.
What a caller may not see is a 404; what they see but may not change is a 403."""

from datetime import timedelta

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from municipalities.models import Membership
from postings.models import Posting
from tests.api.clients import token_client
from tests.factories import MembershipFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

MEMBERS = ("manager", "official")
PERSONAS = (*MEMBERS, "outsider", "pending_member", "staff", "anonymous", "expired", "revoked")
Status = Posting.Status


@pytest.fixture
def pending_member(pending_municipality):
    return MembershipFactory(municipality=pending_municipality, role=Membership.Role.MANAGER).user


@pytest.fixture
def client_of(manager, official, outsider, pending_member, staff):
    users = {
        "manager": manager,
        "official": official,
        "outsider": outsider,
        "pending_member": pending_member,
        "staff": staff,
    }

    def client(persona: str) -> APIClient:
        if persona == "anonymous":
            return APIClient()
        if persona in ("expired", "revoked"):
            api = token_client(manager, lifetime=timedelta(days=1))
            tokens = AuthToken.objects.filter(user=manager)
            if persona == "expired":
                tokens.update(expiry=timezone.now() - timedelta(seconds=1))
            else:
                tokens.delete()
            return api
        return token_client(users[persona])

    return client


def _expected(persona: str, table: dict) -> int:
    """The status `table` gives a persona; members and the invalid tokens share a line."""
    if persona in ("expired", "revoked"):
        return 401
    return table.get(persona, table.get("members") if persona in MEMBERS else None)


def _posting(model: str, municipality, **fields) -> Posting:
    factory = NeedFactory if model == "needs" else OfferFactory
    return factory(municipality=municipality, **fields)


def _body(municipality) -> dict:
    return {
        "municipality": str(municipality.uuid),
        "original_language": "en",
        "title": {"en": "Water pumps"},
        "description": {"en": "Four submersible pumps."},
        "sector": "water",
        "help_kind": "goods",
    }


MODELS = ("needs", "offers")


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_a_public_posting_is_read_by_everyone(model, persona, client_of, municipality):
    posting = _posting(model, municipality)
    response = client_of(persona).get(f"/api/v1/{model}/{posting.uuid}/")
    assert response.status_code == _expected(persona, {"members": 200, "outsider": 200,
        "pending_member": 200, "staff": 200, "anonymous": 200})  # fmt: skip


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_is_read_by_its_municipality_and_staff(model, persona, client_of, municipality):
    draft = _posting(model, municipality, status=Status.DRAFT, published_at=None)
    detail = client_of(persona).get(f"/api/v1/{model}/{draft.uuid}/")
    assert detail.status_code == _expected(persona, {"members": 200, "staff": 200,
        "outsider": 404, "pending_member": 404, "anonymous": 404})  # fmt: skip
    listed = client_of(persona).get(f"/api/v1/{model}/")
    if listed.status_code == 200:
        ids = {item["id"] for item in listed.json()["results"]}
        assert (str(draft.uuid) in ids) == (detail.status_code == 200)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_members_create(model, persona, client_of, municipality):
    response = client_of(persona).post(f"/api/v1/{model}/", _body(municipality), format="json")
    assert response.status_code == _expected(persona, {"members": 201, "outsider": 403,
        "pending_member": 403, "staff": 403, "anonymous": 401})  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_members_upsert_by_their_external_id(persona, client_of, municipality):
    url = f"/api/v1/needs/by-external-id/{municipality.uuid}/R-1/"
    response = client_of(persona).put(url, _body(municipality), format="json")
    assert response.status_code == _expected(persona, {"members": 201, "outsider": 403,
        "pending_member": 403, "staff": 403, "anonymous": 401})  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_members_update(persona, client_of, municipality):
    need = _posting("needs", municipality)
    response = client_of(persona).patch(f"/api/v1/needs/{need.uuid}/", {"unit": "beds"})
    assert response.status_code == _expected(persona, {"members": 200, "outsider": 403,
        "pending_member": 403, "staff": 403, "anonymous": 401})  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_members_publish_a_draft(persona, client_of, municipality):
    draft = _posting("needs", municipality, status=Status.DRAFT, published_at=None)
    response = client_of(persona).post(f"/api/v1/needs/{draft.uuid}/publish/")
    assert response.status_code == _expected(persona, {"members": 200, "staff": 403,
        "outsider": 404, "pending_member": 404, "anonymous": 401})  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_managers_approve(persona, client_of, municipality):
    waiting = _posting(
        "needs", municipality, status=Status.DRAFT, published_at=None, submitted_at=timezone.now()
    )
    response = client_of(persona).post(f"/api/v1/needs/{waiting.uuid}/approve/")
    assert response.status_code == _expected(persona, {"manager": 200, "official": 403,
        "staff": 403, "outsider": 404, "pending_member": 404, "anonymous": 401})  # fmt: skip


@pytest.mark.parametrize("action", ["withdraw", "confirm"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_members_withdraw_and_confirm(action, persona, client_of, municipality):
    need = _posting("needs", municipality)
    body = {"answer": "still-current"} if action == "confirm" else {}
    response = client_of(persona).post(f"/api/v1/needs/{need.uuid}/{action}/", body)
    assert response.status_code == _expected(persona, {"members": 200, "outsider": 403,
        "pending_member": 403, "staff": 403, "anonymous": 401})  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_hide(persona, client_of, municipality):
    need = _posting("needs", municipality)
    response = client_of(persona).post(f"/api/v1/needs/{need.uuid}/hide/", {"reason": "Spam."})
    assert response.status_code == _expected(persona, {"staff": 200, "members": 403,
        "outsider": 403, "pending_member": 403, "anonymous": 401})  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_restore(persona, client_of, municipality):
    hidden = _posting("needs", municipality, hidden_at=timezone.now(), hidden_reason="Spam.")
    response = client_of(persona).post(f"/api/v1/needs/{hidden.uuid}/restore/")
    assert response.status_code == _expected(persona, {"staff": 200, "members": 403,
        "outsider": 404, "pending_member": 404, "anonymous": 401})  # fmt: skip


@pytest.mark.parametrize("method", ["delete", "put"])
def test_postings_are_never_deleted_and_the_collection_is_not_replaced(method, client_of, need):
    client = client_of("manager")
    assert getattr(client, method)(f"/api/v1/needs/{need.uuid}/").status_code in (400, 405)
    assert getattr(client, method)("/api/v1/needs/").status_code == 405
    assert type(need).objects.get(pk=need.pk).status == Posting.Status.PUBLISHED
