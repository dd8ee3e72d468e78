"""Who may do what with a need, through every page and action URL.

Personas: an official and a manager of the owning municipality, an outsider (manager of another
verified municipality), a member of a pending municipality, and an anonymous visitor. A refused
action changes nothing in the database."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from needs.models import Need
from postings.models import Posting, PostingChange, PostingReport
from tests.factories import MembershipFactory, NeedFactory, OfferFactory, UserFactory, form_data

pytestmark = pytest.mark.django_db

ALLOWED = "allowed"
FORM_ERROR = "form error"  # the page is shown again with an error; nothing is stored
FORBIDDEN = 403
NOT_FOUND = 404
LOGIN = "login"

PERSONAS = ("official", "manager", "outsider", "pending_member", "anonymous")


@dataclass(frozen=True)
class Action:
    name: str
    method: str = "post"
    # The need acted on: a public one, a draft, or a draft waiting for approval.
    start: str = "published"


ACTIONS = {
    "create page": Action("create", "get", start="none"),
    "create": Action("create", start="none"),
    "edit page": Action("edit", "get"),
    "edit": Action("edit"),
    "publish": Action("publish", start="draft"),
    "approve": Action("approve", start="submitted"),
    "withdraw page": Action("withdraw", "get"),
    "withdraw": Action("withdraw"),
    "confirm": Action("confirm"),
    "report": Action("report"),
}

# Outcomes for: official, manager, outsider, pending member, anonymous. A draft of another
# municipality is not found; a public posting is, but acting on it is forbidden.
MATRIX = {
    "create page": (ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, LOGIN),
    "create": (ALLOWED, ALLOWED, FORM_ERROR, FORBIDDEN, LOGIN),
    "edit page": (ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, LOGIN),
    "edit": (ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, LOGIN),
    "publish": (ALLOWED, ALLOWED, NOT_FOUND, NOT_FOUND, LOGIN),
    "approve": (FORBIDDEN, ALLOWED, NOT_FOUND, NOT_FOUND, LOGIN),
    "withdraw page": (ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, LOGIN),
    "withdraw": (ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, LOGIN),
    "confirm": (ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, LOGIN),
    "report": (ALLOWED, ALLOWED, ALLOWED, FORBIDDEN, LOGIN),
}

CASES = [
    pytest.param(action, persona, outcome, id=f"{action}-{persona}")
    for action, outcomes in MATRIX.items()
    for persona, outcome in zip(PERSONAS, outcomes, strict=True)
]


@pytest.fixture
def pending_member(pending_municipality):
    return MembershipFactory(municipality=pending_municipality).user


def _need(municipality, contact, start: str) -> Need | None:
    if start == "none":
        return None
    if start == "published":
        return NeedFactory(municipality=municipality, contact=contact, created_by=contact)
    if start == "submitted":
        municipality.approval_required = True
        municipality.save(update_fields=["approval_required"])
    return NeedFactory(
        municipality=municipality,
        contact=contact,
        created_by=contact,
        status=Posting.Status.DRAFT,
        published_at=None,
        last_confirmed_at=None,
        submitted_at=timezone.now() if start == "submitted" else None,
    )


def _request(client: Client, action: Action, need: Need | None, municipality, user, official):
    if action.name == "create":
        url = reverse("needs:create")
        if action.method == "get":
            url += f"?municipality={municipality.slug}"
        data = form_data(municipality, user or official, title="Fire hoses")
    else:
        url = reverse(f"needs:{action.name}", args=[need.pk])
        data = {
            "edit": form_data(municipality, official, title="Hospital beds, 25 of them"),
            "withdraw": {"reason": "Found elsewhere."},
            "confirm": {"answer": "still-current"},
            "report": {"reason": "This looks like a scam."},
        }.get(action.name, {})
    if action.method == "get":
        return client.get(url)
    return client.post(url, data)


def _snapshot() -> tuple[Any, ...]:
    return (
        list(Need.objects.order_by("pk").values()),
        PostingChange.objects.count(),
        PostingReport.objects.count(),
    )


@pytest.mark.parametrize(("action_name", "persona", "outcome"), CASES)
def test_the_permission_matrix(request, municipality, official, action_name, persona, outcome):
    action = ACTIONS[action_name]
    need = _need(municipality, official, action.start)
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = Client()
    if user is not None:
        client.force_login(user)
    before = _snapshot()

    response = _request(client, action, need, municipality, user, official)

    if outcome == ALLOWED:
        expected = 200 if action.method == "get" else 302
        assert response.status_code == expected
        assert (_snapshot() != before) == (action.method == "post")
        return
    if outcome == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif outcome == FORM_ERROR:
        assert response.status_code == 200
        assert response.context["form"].errors
    else:
        assert response.status_code == outcome
    assert _snapshot() == before


def test_an_allowed_post_lands_on_the_posting(official_client, municipality, official):
    need = NeedFactory(municipality=municipality, contact=official)

    response = official_client.post(
        reverse("needs:confirm", args=[need.pk]), {"answer": "still-current"}
    )

    assert response.url == need.get_absolute_url()


def test_an_outsider_is_refused_on_a_public_posting_too(outsider_client, municipality, official):
    need = NeedFactory(municipality=municipality, contact=official)

    response = outsider_client.post(reverse("needs:publish", args=[need.pk]))

    assert response.status_code == 403


def test_the_actions_refuse_get_where_they_change_state(official_client, municipality, official):
    need = NeedFactory(municipality=municipality, contact=official)

    for name in ("publish", "approve", "confirm", "report"):
        response = official_client.get(reverse(f"needs:{name}", args=[need.pk]))
        assert response.status_code == 405


def test_offers_are_guarded_the_same_way(outsider_client, municipality, official):
    offer = OfferFactory(municipality=municipality, contact=official)

    response = outsider_client.get(reverse("offers:edit", args=[offer.pk]))

    assert response.status_code == 403


def test_an_unverified_email_is_asked_to_verify_first(municipality):
    user = UserFactory(verified_email=False)
    MembershipFactory(user=user, municipality=municipality)
    client = Client()
    client.force_login(user)

    response = client.get(reverse("needs:create"))

    assert response.status_code == 200
    assert "form" not in response.context
    assert "account/verified_email_required.html" in [t.name for t in response.templates]


def test_a_user_without_a_municipality_cannot_post(new_user):
    client = Client()
    client.force_login(new_user)

    response = client.get(reverse("needs:create"))

    assert response.status_code == 403


def test_an_unknown_posting_is_not_found(official_client):
    response = official_client.get(reverse("needs:edit", args=[999999]))

    assert response.status_code == 404
