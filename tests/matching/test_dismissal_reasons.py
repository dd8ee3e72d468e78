"""An official who dismisses a match may say why (not what we need, too small, too far, no
longer needed, other): the reason is stored, shown to staff (the match page, the API, the
admin), and the admin counts the dismissals by reason; an unknown reason is refused."""

import pytest
from django.core.exceptions import ValidationError

from matching import services
from matching.models import Match
from tests.api.clients import token_client
from tests.factories import MatchFactory, reload_match

pytestmark = pytest.mark.django_db

Reason = Match.DismissalReason


def _api_url(match: Match) -> str:
    return f"/api/v1/matches/{match.uuid}/"


# The service


def test_the_service_stores_the_reason_given(match, official):
    services.match_dismiss(user=official, match=match, side="need", reason=Reason.TOO_SMALL)

    match = reload_match(match)
    assert match.status == Match.Status.DISMISSED
    assert match.dismissal_reason == "too_small"


def test_a_dismissal_without_a_reason_stores_none(match, official):
    services.match_dismiss(user=official, match=match, side="need")

    assert reload_match(match).dismissal_reason == ""


def test_the_service_refuses_an_unknown_reason_and_keeps_the_match_open(match, official):
    with pytest.raises(ValidationError) as error:
        services.match_dismiss(user=official, match=match, side="need", reason="boring")

    assert "reason" in error.value.error_dict
    assert reload_match(match).status == Match.Status.SUGGESTED


# The match page


def test_the_match_page_offers_the_five_reasons_to_choose_from(official_client, match):
    page = official_client.get(f"/en/matches/{match.pk}/").content.decode()

    assert 'name="reason"' in page
    for value, label in Reason.choices:
        assert f'<option value="{value}">{label}</option>' in page


def test_a_reason_chosen_on_the_page_is_stored(official_client, match):
    response = official_client.post(
        f"/en/matches/{match.pk}/dismiss/", {"side": "need", "reason": "too_far"}
    )

    assert response.status_code == 302
    match = reload_match(match)
    assert match.status == Match.Status.DISMISSED
    assert match.dismissal_reason == "too_far"


def test_an_unknown_reason_on_the_page_is_a_form_error_and_nothing_is_dismissed(
    official_client, match
):
    response = official_client.post(
        f"/en/matches/{match.pk}/dismiss/", {"side": "need", "reason": "boring"}, follow=True
    )

    assert response.status_code == 200
    assert "boring" in response.content.decode()  # "Select a valid choice. boring is not …"
    assert reload_match(match).status == Match.Status.SUGGESTED


def test_staff_see_the_reason_on_the_match_page_and_the_cities_do_not(
    staff_client, official_client, match, official
):
    services.match_dismiss(user=official, match=match, side="need", reason=Reason.TOO_SMALL)

    assert "Too small" in staff_client.get(f"/en/matches/{match.pk}/").content.decode()
    assert 'class="dismissal-reason"' not in (
        official_client.get(f"/en/matches/{match.pk}/").content.decode()
    )


# The API


def test_a_reason_sent_to_the_api_is_stored_and_shown_to_staff_only(match, official, staff):
    response = token_client(official).post(
        _api_url(match) + "dismiss/", {"side": "need", "reason": "no_longer_needed"}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "dismissed"
    assert response.json()["dismissal_reason"] is None
    assert reload_match(match).dismissal_reason == "no_longer_needed"
    staff_view = token_client(staff).get(_api_url(match))
    assert staff_view.json()["dismissal_reason"] == "no_longer_needed"


def test_the_api_dismisses_without_a_reason_too(match, giver):
    response = token_client(giver).post(_api_url(match) + "dismiss/", {"side": "offer"})

    assert response.status_code == 200
    assert reload_match(match).dismissal_reason == ""


def test_an_unknown_reason_sent_to_the_api_is_a_400_naming_the_field(match, official):
    response = token_client(official).post(
        _api_url(match) + "dismiss/", {"side": "need", "reason": "boring"}
    )

    assert response.status_code == 400
    assert "reason" in response.content.decode()
    assert reload_match(match).status == Match.Status.SUGGESTED


# The admin


def test_staff_see_the_reason_on_the_admin_change_page(staff_client, match, official):
    services.match_dismiss(user=official, match=match, side="need", reason=Reason.TOO_FAR)

    page = staff_client.get(f"/en/admin/matching/match/{match.pk}/change/").content.decode()

    assert "Too far" in page


def test_the_admin_list_counts_the_dismissals_by_reason_and_filters_on_it(
    staff_client, match, official, django_assert_max_num_queries
):
    services.match_dismiss(user=official, match=match, side="need", reason=Reason.TOO_SMALL)
    for reason in ("too_small", "other", ""):
        MatchFactory(status=Match.Status.DISMISSED, dismissed_by="need", dismissal_reason=reason)
    MatchFactory()  # open: not counted

    with django_assert_max_num_queries(20):
        listing = staff_client.get("/en/admin/matching/match/")
    page = listing.content.decode()

    assert listing.status_code == 200
    table = page[page.index('id="dismissals-by-reason"') :]
    table = table[: table.index("</table>")]
    assert '<th scope="row">Too small</th><td>2</td>' in table
    assert '<th scope="row">Other</th><td>1</td>' in table
    assert '<th scope="row">Too far</th><td>0</td>' in table
    assert '<th scope="row">No reason given</th><td>1</td>' in table
    filtered = staff_client.get("/en/admin/matching/match/?dismissal_reason__exact=other")
    assert filtered.status_code == 200
    assert filtered.context["cl"].result_count == 1
