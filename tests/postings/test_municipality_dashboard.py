"""The "my municipality" dashboard: who may see it, what it shows, how many queries it takes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from municipalities.models import Membership
from postings.models import Posting
from tests.factories import MembershipFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

Status = Posting.Status


def _url(municipality) -> str:
    return reverse("postings:dashboard", args=[municipality.slug])


def _part(html: str, element_id: str, end: str = "</section>") -> str:
    start = html.index(f'id="{element_id}"')
    return html[start : html.index(end, start)]


def _waiting_draft(factory, municipality, **kwargs):
    return factory(
        municipality=municipality,
        status=Status.DRAFT,
        published_at=None,
        last_confirmed_at=None,
        submitted_at=timezone.now(),
        **kwargs,
    )


def _stale(factory, municipality, days: int = 35, **kwargs):
    return factory(
        municipality=municipality,
        last_confirmed_at=timezone.now() - timedelta(days=days),
        **kwargs,
    )


@pytest.mark.parametrize("persona", ["manager_client", "official_client", "staff_client"])
def test_members_and_staff_see_it(request, persona, municipality):
    client = request.getfixturevalue(persona)
    response = client.get(_url(municipality))
    assert response.status_code == 200
    assert municipality.name in response.content.decode()


def test_an_official_of_another_municipality_is_refused(outsider_client, municipality):
    assert outsider_client.get(_url(municipality)).status_code == 403


def test_a_user_without_a_municipality_is_refused(client, new_user, municipality):
    client.force_login(new_user)
    assert client.get(_url(municipality)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, municipality):
    response = client.get(_url(municipality))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_unknown_municipality_is_not_found(staff_client):
    assert staff_client.get("/en/postings/municipality/nowhere/").status_code == 404


def test_members_of_a_pending_municipality_see_it_but_cannot_post_yet(client, pending_municipality):
    member = MembershipFactory(municipality=pending_municipality).user
    client.force_login(member)
    response = client.get(_url(pending_municipality))
    assert response.status_code == 200
    html = response.content.decode()
    assert "once an administrator has verified" in html
    assert reverse("needs:create") not in html


def test_it_links_to_creating_a_need_and_an_offer_for_this_municipality(
    official_client, municipality
):
    html = official_client.get(_url(municipality)).content.decode()
    assert f"{reverse('needs:create')}?municipality={municipality.slug}" in html
    assert f"{reverse('offers:create')}?municipality={municipality.slug}" in html


def test_staff_see_it_without_buttons_they_could_not_use(staff_client, municipality):
    need = _waiting_draft(NeedFactory, municipality)
    stale = _stale(NeedFactory, municipality)
    html = staff_client.get(_url(municipality)).content.decode()
    assert need.title_en in html
    assert stale.title_en in html
    assert reverse("needs:create") not in html
    assert reverse("needs:approve", args=[need.pk]) not in html
    assert reverse("needs:confirm", args=[stale.pk]) not in html


def test_drafts_waiting_for_approval_get_an_approve_button_for_managers(
    manager_client, municipality
):
    need = _waiting_draft(NeedFactory, municipality, title_en="Generators for schools")
    offer = _waiting_draft(OfferFactory, municipality, title_en="Fire engine to give")
    html = manager_client.get(_url(municipality)).content.decode()
    waiting = _part(html, "awaiting-approval")
    assert "Generators for schools" in waiting
    assert "Fire engine to give" in waiting
    assert f'action="{reverse("needs:approve", args=[need.pk])}"' in waiting
    assert f'action="{reverse("offers:approve", args=[offer.pk])}"' in waiting
    assert 'method="post"' in waiting


def test_officials_see_drafts_waiting_for_approval_without_an_approve_button(
    official_client, municipality
):
    need = _waiting_draft(NeedFactory, municipality, title_en="Generators for schools")
    html = official_client.get(_url(municipality)).content.decode()
    waiting = _part(html, "awaiting-approval")
    assert "Generators for schools" in waiting
    assert reverse("needs:approve", args=[need.pk]) not in html
    assert "A manager of your municipality approves these" in waiting


def test_plain_drafts_are_not_waiting_for_approval(manager_client, municipality):
    NeedFactory(municipality=municipality, status=Status.DRAFT, title_en="Half-written need")
    html = manager_client.get(_url(municipality)).content.decode()
    assert "Half-written need" not in _part(html, "awaiting-approval")
    assert "Half-written need" in _part(html, "needs-draft", end="</div>")


def test_stale_postings_appear_under_needs_confirming_with_the_three_answers(
    official_client, municipality
):
    stale_need = _stale(NeedFactory, municipality, title_en="Water pumps")
    stale_offer = _stale(OfferFactory, municipality, title_en="Ambulance to give")
    NeedFactory(municipality=municipality, title_en="Freshly confirmed")
    html = official_client.get(_url(municipality)).content.decode()
    confirming = _part(html, "needs-confirming")
    assert "Water pumps" in confirming
    assert "Ambulance to give" in confirming
    assert "Freshly confirmed" not in confirming
    assert f'action="{reverse("needs:confirm", args=[stale_need.pk])}"' in confirming
    assert f'action="{reverse("offers:confirm", args=[stale_offer.pk])}"' in confirming
    for answer in ("still-current", "partly-covered", "done"):
        assert f'name="answer" value="{answer}"' in confirming


def test_closed_postings_do_not_need_confirming(official_client, municipality):
    _stale(NeedFactory, municipality, status=Status.FULFILLED, title_en="Old blankets")
    html = official_client.get(_url(municipality)).content.decode()
    assert "Old blankets" not in _part(html, "needs-confirming")


def test_postings_are_counted_and_listed_by_status(official_client, municipality):
    NeedFactory.create_batch(2, municipality=municipality)
    NeedFactory(municipality=municipality, status=Status.PARTLY_COVERED, title_en="Half there")
    NeedFactory(municipality=municipality, status=Status.WITHDRAWN, title_en="Not any more")
    NeedFactory(municipality=municipality, status=Status.EXPIRED, closed_at=timezone.now())
    OfferFactory(municipality=municipality, status=Status.FULFILLED, title_en="Delivered beds")
    response = official_client.get(_url(municipality))
    html = response.content.decode()
    overview = dict(response.context["overview"])
    assert overview["Published"] == [2, 0]
    assert overview["Partly covered"] == [1, 0]
    assert overview["Withdrawn"] == [1, 0]
    assert overview["Expired"] == [1, 0]
    assert overview["Fulfilled"] == [0, 1]
    assert overview["Drafts"] == [0, 0]
    assert "Half there" in _part(html, "needs-partly_covered", end="</div>")
    # Closed postings are history: folded away.
    assert "Not any more" in _part(html, "needs-withdrawn", end="</details>")
    assert "Delivered beds" in _part(html, "offers-fulfilled", end="</details>")
    assert '<details id="offers-fulfilled"' in html


def test_hidden_postings_are_marked(official_client, municipality):
    NeedFactory(municipality=municipality, hidden_at=timezone.now(), title_en="Hidden one")
    html = official_client.get(_url(municipality)).content.decode()
    assert "Hidden by a moderator" in _part(html, "needs-published", end="</div>")


def test_other_municipalities_postings_are_not_shown(official_client, municipality):
    NeedFactory(title_en="Somebody else's need")
    _stale(OfferFactory, MembershipFactory().municipality, title_en="Somebody else's offer")
    html = official_client.get(_url(municipality)).content.decode()
    assert "Somebody else" not in html


def test_query_count_does_not_grow_with_the_postings(
    manager_client, municipality, django_assert_max_num_queries
):
    def queries() -> int:
        with django_assert_max_num_queries(30) as captured:
            assert manager_client.get(_url(municipality)).status_code == 200
        return len(captured.captured_queries)

    NeedFactory(municipality=municipality)
    few = queries()
    for factory in (NeedFactory, OfferFactory):
        factory.create_batch(3, municipality=municipality)
        _stale(factory, municipality)
        _waiting_draft(factory, municipality)
        factory(municipality=municipality, status=Status.FULFILLED, closed_at=timezone.now())
        factory(municipality=municipality, status=Status.DRAFT)
    MembershipFactory(municipality=municipality, role=Membership.Role.OFFICIAL)
    assert queries() == few


def test_only_the_most_recently_closed_are_listed_but_all_are_counted(
    official_client, municipality, monkeypatch
):
    monkeypatch.setattr("postings.views.dashboard.CLOSED_SHOWN", 2)
    now = timezone.now()
    for days, title in [(1, "Newest"), (2, "Middle"), (3, "Oldest")]:
        NeedFactory(
            municipality=municipality,
            status=Status.FULFILLED,
            closed_at=now - timedelta(days=days),
            title_en=title,
        )
    html = official_client.get(_url(municipality)).content.decode()
    fulfilled = _part(html, "needs-fulfilled", end="</details>")
    assert "Fulfilled (3)" in fulfilled
    assert "Newest" in fulfilled
    assert "Middle" in fulfilled
    assert "Oldest" not in fulfilled
    assert "The 2 most recently closed are shown." in fulfilled
