"""Moderation in the Django admin: hide (with a reason, emailed), restore, mark reviewed, and the
"waiting" filter that is the moderation queue."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.models import OutgoingEmail
from municipalities.models import Membership
from postings import selectors
from postings.models import HelpKind, Posting, PostingChange, PostingReport, Sector
from postings.services import moderation
from tests.factories import MembershipFactory, MunicipalityFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

NEEDS = "/en/admin/needs/need/"
OFFERS = "/en/admin/offers/offer/"


@pytest.fixture
def need_fields():
    return {"title_en": "Cheap generators"}


def _act(client, url: str, action: str, postings: list[Posting], **data):
    return client.post(
        url,
        {"action": action, "_selected_action": [posting.pk for posting in postings], **data},
        follow=True,
    )


def _listed(client, url: str, **params) -> set[int]:
    response = client.get(url, params)
    assert response.status_code == 200
    return {posting.pk for posting in response.context["cl"].result_list}


def test_hiding_needs_a_reason(staff_client, need, mailoutbox):
    response = _act(staff_client, NEEDS, "hide", [need], reason="  ")
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["Please give the municipality a reason."]
    need.refresh_from_db()
    assert need.hidden_at is None
    assert mailoutbox == []
    assert not LogEntry.objects.exists()


def test_hiding_takes_the_posting_off_the_public_lists_and_is_logged(
    staff_client, staff, need, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _act(staff_client, NEEDS, "hide", [need], reason="Looks like a scam.")
    assert response.status_code == 200
    need.refresh_from_db()
    assert need.hidden_at is not None
    assert need.hidden_reason == "Looks like a scam."
    assert need not in selectors.public_postings(type(need))
    entry = LogEntry.objects.get(object_id=str(need.pk))
    assert (entry.user, entry.action_flag) == (staff, CHANGE)
    history = PostingChange.objects.get(object_id=need.pk)
    assert (history.action, history.user, history.note) == ("hidden", staff, "Looks like a scam.")


def test_whoever_speaks_for_the_posting_gets_the_reason_in_their_language(
    staff_client,
    municipality,
    manager,
    official,
    need,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    official.language = "uk"
    official.save(update_fields=["language"])
    need.title_uk = "Дешеві генератори"
    need.save(update_fields=["title_uk"])
    with django_capture_on_commit_callbacks(execute=True):
        _act(staff_client, NEEDS, "hide", [need], reason="Looks like a scam.")
    [email] = mailoutbox
    assert email.to == [official.email]  # the contact; the managers only stand in for none
    assert OutgoingEmail.objects.get(to=official.email).language == "uk"
    need.refresh_from_db()
    with translation.override("uk"):
        subject = render_to_string("emails/posting_hidden_subject.txt", {"posting": need})
    assert email.subject == " ".join(subject.split())
    assert "Дешеві генератори" in email.subject
    assert "Looks like a scam." in email.body


def test_hiding_an_already_hidden_posting_sends_nothing_again(
    staff_client, need, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _act(staff_client, NEEDS, "hide", [need], reason="Spam.")
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        _act(staff_client, NEEDS, "hide", [need], reason="Spam, really.")
    assert len(mailoutbox) == sent == 1
    need.refresh_from_db()
    assert need.hidden_reason == "Spam."


def test_restoring_brings_the_posting_back(staff_client, staff, need):
    moderation.posting_hide(admin=staff, posting=need, reason="Spam.")
    _act(staff_client, NEEDS, "restore", [need])
    need.refresh_from_db()
    assert need.hidden_at is None
    assert need.hidden_reason == ""
    assert need in selectors.public_postings(type(need))
    assert PostingChange.objects.filter(object_id=need.pk, action="restored").exists()
    assert LogEntry.objects.filter(object_id=str(need.pk), action_flag=CHANGE).exists()


def test_marking_reviewed_resolves_the_reports(staff_client, staff, need, outsider):
    report = moderation.posting_report(user=outsider, posting=need, reason="Suspicious price.")
    _act(staff_client, NEEDS, "mark_reviewed", [need])
    need.refresh_from_db()
    report.refresh_from_db()
    assert need.reviewed_at is not None
    assert report.resolved_by == staff
    assert need.hidden_at is None
    assert LogEntry.objects.filter(object_id=str(need.pk), action_flag=CHANGE).exists()


def test_officials_cannot_use_the_admin(manager_client, need):
    response = manager_client.post(
        NEEDS, {"action": "hide", "_selected_action": [need.pk], "reason": "Mine."}
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.hidden_at is None


def test_the_waiting_filter_lists_reported_and_fresh_postings_but_not_reviewed_ones(
    staff_client, staff, municipality, outsider
):
    newcomer = MunicipalityFactory(status_changed_at=timezone.now() - timedelta(days=3))
    veteran = MunicipalityFactory(status_changed_at=timezone.now() - timedelta(days=400))
    fresh = NeedFactory(municipality=newcomer)
    reviewed = NeedFactory(municipality=newcomer, reviewed_at=timezone.now())
    draft = NeedFactory(municipality=newcomer, status=Posting.Status.DRAFT)
    reported = NeedFactory(municipality=veteran)
    moderation.posting_report(user=outsider, posting=reported, reason="Offensive.")
    quiet = NeedFactory(municipality=veteran)
    resolved = NeedFactory(municipality=veteran)
    moderation.posting_report(user=outsider, posting=resolved, reason="Offensive.")
    moderation.posting_mark_reviewed(admin=staff, posting=resolved)

    assert _listed(staff_client, NEEDS, moderation="waiting") == {fresh.pk, reported.pk}
    everything = {fresh, reviewed, draft, reported, quiet, resolved}
    assert _listed(staff_client, NEEDS) == {posting.pk for posting in everything}


def test_the_waiting_filter_works_for_offers(staff_client, outsider, municipality):
    offer = OfferFactory(municipality=municipality)
    NeedFactory(municipality=municipality, pk=offer.pk)  # same id, other model: not reported
    moderation.posting_report(user=outsider, posting=offer, reason="Offensive.")
    assert _listed(staff_client, OFFERS, moderation="waiting") == {offer.pk}
    assert _listed(staff_client, NEEDS, moderation="waiting") == set()


def test_the_list_searches_titles_in_every_language_and_municipality_names(
    staff_client, municipality, other_municipality
):
    beds = NeedFactory(municipality=municipality, title_uk="Лікарняні ліжка")
    pumps = NeedFactory(municipality=other_municipality, title_de="Wasserpumpen")
    assert _listed(staff_client, NEEDS, q="ліжка") == {beds.pk}
    assert _listed(staff_client, NEEDS, q="wasserpumpen") == {pumps.pk}
    assert _listed(staff_client, NEEDS, q="Подільськ") == {beds.pk}


def test_the_list_filters_by_hidden_state_country_and_sector(
    staff_client, staff, municipality, other_municipality
):
    ukrainian = NeedFactory(municipality=municipality)
    german = NeedFactory(municipality=other_municipality)
    moderation.posting_hide(admin=staff, posting=german, reason="Spam.")
    assert _listed(staff_client, NEEDS, hidden="yes") == {german.pk}
    assert _listed(staff_client, NEEDS, hidden="no") == {ukrainian.pk}
    assert _listed(staff_client, NEEDS, municipality__country="UA") == {ukrainian.pk}
    health = Sector.objects.get(slug="health")
    assert _listed(staff_client, NEEDS, sector__id__exact=health.pk) == {
        ukrainian.pk,
        german.pk,
    }


def test_the_list_query_count_does_not_grow_with_rows(staff_client, municipality, page_queries):
    NeedFactory.create_batch(2, municipality=municipality)
    few = page_queries(staff_client, NEEDS, at_most=12)
    NeedFactory.create_batch(10, municipality=MunicipalityFactory())
    assert page_queries(staff_client, NEEDS, at_most=few) == few


def test_the_change_form_shows_every_translation_and_keeps_workflow_fields_read_only(
    staff_client, need
):
    response = staff_client.get(f"{NEEDS}{need.pk}/change/")
    form = response.context["adminform"].form
    for code in ("en", "de", "uk", "fr", "pl"):
        assert f"title_{code}" in form.fields
    for field in ("status", "published_at", "hidden_at", "last_confirmed_at", "municipality"):
        assert field not in form.fields
    assert "needed_by" in form.fields


def test_an_admin_edit_is_kept_in_the_history(staff_client, staff, need):
    url = f"{NEEDS}{need.pk}/change/"
    initial = staff_client.get(url).context["adminform"].form.initial
    data = {key: "" if value is None else value for key, value in initial.items()}
    data.update(title_de="Günstige Generatoren")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = PostingChange.objects.get(object_id=need.pk, action="edited")
    assert entry.user == staff
    assert entry.changes == {"title_de": [None, "Günstige Generatoren"]}


def test_postings_cannot_be_added_or_deleted_in_the_admin(staff_client, need):
    assert staff_client.get(f"{NEEDS}add/").status_code == 403
    assert staff_client.get(f"{NEEDS}{need.pk}/delete/").status_code == 403


def test_reports_and_history_are_listed_read_only_with_links(staff_client, outsider, need):
    moderation.posting_report(user=outsider, posting=need, reason="Suspicious price.")
    reports = staff_client.get("/en/admin/postings/postingreport/").content.decode()
    assert "Suspicious price." in reports
    assert f"/en/admin/needs/need/{need.pk}/change/" in reports
    assert need.get_absolute_url() in reports
    report = PostingReport.objects.get()
    assert (
        staff_client.get(f"/en/admin/postings/postingreport/{report.pk}/change/").status_code == 200
    )
    assert staff_client.get("/en/admin/postings/postingreport/add/").status_code == 403
    assert staff_client.get("/en/admin/postings/postingchange/").status_code == 200
    assert staff_client.get("/en/admin/postings/postingchange/add/").status_code == 403


def test_admins_add_kinds_of_help_but_never_change_a_slug(staff_client):
    data = {"slug": "volunteers", "name_en": "Volunteers", "position": 50}
    response = staff_client.post("/en/admin/postings/helpkind/add/", data)
    assert response.status_code == 302
    kind = HelpKind.objects.get(slug="volunteers")
    data.update(slug="renamed", name_en="Volunteer groups")
    staff_client.post(f"/en/admin/postings/helpkind/{kind.pk}/change/", data)
    kind.refresh_from_db()
    assert (kind.slug, kind.name_en) == ("volunteers", "Volunteer groups")


def test_the_sector_page_edits_its_topics_with_fixed_slugs(staff_client):
    health = Sector.objects.get(slug="health")
    response = staff_client.get(f"/en/admin/postings/sector/{health.pk}/change/")
    assert response.status_code == 200
    assert "medical-equipment" in response.content.decode()
    formset = response.context["inline_admin_formsets"][0].formset
    assert all(form.fields["slug"].disabled for form in formset.forms if form.instance.pk)


def test_other_officials_of_the_municipality_are_not_told(
    staff_client, municipality, official, need, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = MembershipFactory(municipality=municipality, role=Membership.Role.OFFICIAL).user
    with django_capture_on_commit_callbacks(execute=True):
        _act(staff_client, NEEDS, "hide", [need], reason="Spam.")
    assert colleague.email not in {message.to[0] for message in mailoutbox}
