"""Managers of the members edit a partnership, its officers and status, and its activities;
any official of a member records events; a closed proposal takes nothing more."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from municipalities.models import Municipality
from partnerships import services
from partnerships.forms import EventForm
from partnerships.models import Activity, Partnership
from tests.factories import MunicipalityFactory, NeedFactory
from tests.partnerships.factories import ActivityFactory, EventFactory

pytestmark = pytest.mark.django_db


def _url(partnership: Partnership, action: str) -> str:
    return f"/en/partnerships/{partnership.uuid}/{action}"


def test_a_manager_records_an_activity_in_german_with_a_ukrainian_translation(
    manager_client, client, twinning
):
    response = manager_client.post(
        _url(twinning, "activities/new/"),
        {
            "original_language": "de",
            "title": "Ausbildung der Feuerwehr",
            "title_uk": "Навчання пожежників",
            "description": "Eine Woche in Esslingen.",
            "status": "completed",
            "sector": "",
            "started_on": "2023-03-01",
            "ended_on": "2023-03-08",
        },
    )
    assert response["Location"] == f"{twinning.get_absolute_url()}#timeline"
    activity = twinning.activities.get()
    assert (activity.title_de, activity.title_uk, activity.title_en) == (
        "Ausbildung der Feuerwehr",
        "Навчання пожежників",
        None,
    )
    assert activity.created_by.memberships.get().municipality.slug == "kamianets-podilskyi"
    assert (
        "Навчання пожежників" in client.get(f"/uk/partnerships/{twinning.uuid}/").content.decode()
    )
    german = client.get(f"/en/partnerships/{twinning.uuid}/").content.decode()
    assert "Ausbildung der Feuerwehr" in german, "in the original where no English is written"


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        (
            {"title_en": "", "title_de": "Nur Deutsch"},
            "Please write this in the language you chose.",
        ),
        ({"started_on": date(2024, 5, 1), "ended_on": date(2024, 4, 1)}, "cannot end before"),
    ],
)
def test_an_activity_that_cannot_be_is_refused(manager, twinning, fields, error):
    with pytest.raises(ValidationError, match=error):
        services.activity_add(
            user=manager,
            partnership=twinning,
            original_language="en",
            **{"title_en": "Training", **fields},
        )
    assert not Activity.objects.exists()


def test_a_manager_edits_an_activity(manager_client, twinning):
    activity = ActivityFactory(partnership=twinning, status="running")
    edit = _url(twinning, f"activities/{activity.uuid}/")
    form = manager_client.get(edit).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(status="completed", outcome="Thirty sets of protective clothing")
    manager_client.post(edit, data)
    activity.refresh_from_db()
    assert activity.status == "completed"
    assert activity.outcome_en == "Thirty sets of protective clothing"


def test_only_managers_change_activities(official, twinning):
    activity = ActivityFactory(partnership=twinning)
    with pytest.raises(PermissionDenied):
        services.activity_update(user=official, activity=activity, status="completed")


def test_an_official_records_an_event_with_a_guest(official_client, twinning, offering):
    response = official_client.post(
        _url(twinning, "events/new/"),
        {
            "kind": "online",
            "original_language": "en",
            "topic": "Exchange on reconstruction planning",
            "held_on": "2025-02-03",
            "link": "meet.example.org/reconstruction",
            "participants": [m.municipality_id for m in twinning.members.all()] + [offering.pk],
        },
    )
    assert response.status_code == 302
    event = twinning.events.get()
    assert event.link == "https://meet.example.org/reconstruction"
    assert offering in event.participants.all()


def _event(user, partnership, **fields):
    defaults = {"original_language": "en", "held_on": date(2025, 1, 1), "place": "Esslingen"}
    return services.event_add(user=user, partnership=partnership, **{**defaults, **fields})


def test_activity_and_event_texts_lose_the_invisible_characters_that_bend_them(manager, twinning):
    activity = services.activity_add(
        user=manager,
        partnership=twinning,
        original_language="en",
        title_en="Fire\u200b training \u202eniarT",
        description_en="One\u200b week",
    )
    event = _event(manager, twinning, topic_en="\u2066Mayors\u2069 meet", place="Esslingen\u200e")

    assert (activity.title_en, activity.description_en) == ("Fire training niarT", "One week")
    assert (event.topic_en, event.place) == ("Mayors meet", "Esslingen")


def test_a_topic_of_nothing_but_invisible_characters_is_refused(manager, twinning):
    with pytest.raises(ValidationError, match="Please write this in the language you chose"):
        _event(manager, twinning, topic_en="\u200b\u200d")
    assert not twinning.events.exists()


def test_an_event_needs_a_place_or_a_link(official_client, twinning):
    page = official_client.post(
        _url(twinning, "events/new/"),
        {"kind": "meeting", "original_language": "en", "topic": "Mayors", "held_on": "2025-02-03"},
    ).content.decode()
    assert "Say where it takes place, or give the link." in page
    assert not twinning.events.exists()


@pytest.mark.parametrize("status", [Municipality.Status.REJECTED, Municipality.Status.PENDING])
def test_only_verified_municipalities_take_part_besides_the_members(official, twinning, status):
    outsider = MunicipalityFactory(status=status)
    with pytest.raises(ValidationError, match="cannot take part"):
        _event(official, twinning, participants=[outsider], topic_en="Visit")


def test_who_recorded_an_event_edits_it_another_official_may_not(
    official, esslingen_official, twinning
):
    event = EventFactory(partnership=twinning, created_by=official)
    services.event_update(user=official, event=event, place="Kamianets-Podilskyi")
    with pytest.raises(PermissionDenied):
        services.event_update(user=esslingen_official, event=event, place="Esslingen")


def test_the_timeline_offers_to_edit_the_events_an_official_recorded_and_no_others(
    official, official_client, esslingen_official, twinning
):
    own = EventFactory(partnership=twinning, created_by=official)
    others = EventFactory(partnership=twinning, created_by=esslingen_official)

    page = official_client.get(twinning.get_absolute_url()).content.decode()

    assert _url(twinning, f"events/{own.uuid}/") in page
    assert _url(twinning, f"events/{others.uuid}/") not in page
    assert official_client.get(_url(twinning, f"events/{own.uuid}/")).status_code == 200
    assert official_client.get(_url(twinning, f"events/{others.uuid}/")).status_code == 403


def test_a_closed_proposal_takes_nothing_more(manager, outsider, twinning, manager_client):
    proposal = services.partnership_propose(
        user=manager,
        municipality=twinning.members.get(municipality__slug="kamianets-podilskyi").municipality,
        partners=[twinning.members.get(municipality__slug="esslingen").municipality],
        kind="friendship",
    )
    services.partnership_decline(user=outsider, partnership=proposal)
    with pytest.raises(ValidationError, match="This proposal is closed"):
        services.activity_add(
            user=manager, partnership=proposal, original_language="en", title_en="Late"
        )
    own = proposal.members.get(municipality__slug="kamianets-podilskyi").municipality
    with pytest.raises(ValidationError, match="This proposal is closed"):
        services.partnership_set_contact(
            user=manager, partnership=proposal, municipality=own, contact=manager
        )
    with pytest.raises(ValidationError, match="This proposal is closed"):
        services.partnership_attach_agreement(user=manager, partnership=proposal, document=None)
    assert manager_client.get(_url(proposal, "edit/")).status_code == 403


def test_managers_edit_the_partnership(manager_client, twinning):
    edit = _url(twinning, "edit/")
    assert manager_client.get(edit).status_code == 200
    response = manager_client.post(
        edit,
        {
            "kind": "solidarity",
            "original_language": "uk",
            "title": "Партнерство солідарності",
            "description": "",
            "started_on": "2022-06-01",
            "signed_on": "2022-06-01",
            "languages": ["uk", "de"],
            "sectors": ["1"],
        },
    )
    assert response.status_code == 302
    twinning.refresh_from_db()
    assert (twinning.kind, twinning.title_uk, twinning.started_on) == (
        "solidarity",
        "Партнерство солідарності",
        date(2022, 6, 1),
    )
    assert twinning.languages == ["uk", "de"]
    assert twinning.sectors.count() == 1


def test_changing_a_proposal_asks_the_others_to_confirm_again(manager, outsider, towns):
    proposal = services.partnership_propose(
        user=manager, municipality=towns[0], partners=towns[1:], kind="network"
    )
    services.partnership_confirm(user=outsider, partnership=proposal)
    services.partnership_update(user=manager, partnership=proposal, kind="cooperation")
    confirmed = proposal.members.filter(confirmed_at__isnull=False)
    assert [member.municipality for member in confirmed] == [towns[0]], "only the editor's"


def test_a_partnership_is_suspended_resumed_and_ended_with_rematching(
    manager_client, manager, twinning, settled
):
    need = NeedFactory(municipality=twinning.members.first().municipality)
    settled(need)
    manager_client.post(_url(twinning, "status/"), {"status": "suspended"})
    twinning.refresh_from_db()
    assert twinning.status == "suspended"
    assert type(need).objects.get(pk=need.pk).match_pending
    page = manager_client.post(_url(twinning, "status/"), {"status": "suspended"}, follow=True)
    assert "Select a valid choice" in page.content.decode()
    manager_client.post(_url(twinning, "status/"), {"status": "active"})
    manager_client.post(_url(twinning, "status/"), {"status": "ended", "on": "2025-01-31"})
    twinning.refresh_from_db()
    assert (twinning.status, twinning.ended_on) == ("ended", date(2025, 1, 31))
    assert list(twinning.status_changes.values_list("status", flat=True)) == [
        "suspended",
        "active",
        "ended",
    ]
    with pytest.raises(ValidationError, match="cannot become active"):
        services.partnership_set_status(user=manager, partnership=twinning, status="active")


def test_an_official_may_not_change_the_status(official_client, twinning):
    assert official_client.post(_url(twinning, "status/"), {"status": "ended"}).status_code == 403
    twinning.refresh_from_db()
    assert twinning.status == "active"


def test_a_manager_names_the_partnership_officer_of_their_member(
    manager, manager_client, official, outsider, municipality, twinning
):
    manager_client.post(
        _url(twinning, "contact/"), {"municipality": municipality.pk, "contact": official.pk}
    )
    assert twinning.members.get(municipality=municipality).contact == official
    with pytest.raises(ValidationError, match="must be a member of the municipality"):
        services.partnership_set_contact(
            user=manager, partnership=twinning, municipality=municipality, contact=outsider
        )
    esslingen = twinning.members.exclude(municipality=municipality).get().municipality
    with pytest.raises(PermissionDenied):
        services.partnership_set_contact(
            user=manager, partnership=twinning, municipality=esslingen, contact=None
        )


def test_the_event_form_offers_who_may_take_part_and_not_a_former_unverified_member(
    twinning, municipality
):
    former = MunicipalityFactory(status=Municipality.Status.PENDING)
    twinning.members.create(municipality=former, left_on=date(2024, 1, 1))

    offered = set(EventForm(partnership=twinning).fields["participants"].queryset)

    assert municipality in offered
    assert former not in offered
