"""Two managers: one proposes a partnership, the other confirms it from the dashboard; then one
records a meeting with a guest city, which shows on the timeline and on the map. Every page
on the way passes axe-core."""

from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page, expect

from partnerships.models import Partnership
from tests.browser.accessibility import format_violations, serious_violations
from tests.factories import PASSWORD

TITLE = "Solidarity partnership Kamianets-Podilskyi – Esslingen"
TOPIC = "Meeting on the reconstruction of schools"


def _log_in(page: Page, url: str, email: str) -> None:
    page.goto(f"{url}/en/accounts/login/")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{url}/en/dashboard/")


def _place(municipality, latitude: str, longitude: str) -> None:
    municipality.latitude, municipality.longitude = Decimal(latitude), Decimal(longitude)
    municipality.save()


@pytest.mark.browser
def test_two_managers_agree_on_a_partnership_and_record_a_meeting(
    live_server,
    page: Page,
    browser: Browser,
    manager,
    outsider,
    municipality,
    other_municipality,
    offering,
):
    url = live_server.url
    manager.language = "en"  # the persona reads Ukrainian; this test reads English labels
    manager.save(update_fields=["language"])
    _place(municipality, "48.6845", "26.5853")
    _place(other_municipality, "48.7396", "9.3047")
    _place(offering, "51.2465", "22.5684")
    a11y: dict[str, list[str]] = {}

    _log_in(page, url, manager.email)
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Partnerships"
    ).click()
    a11y["directory"] = serious_violations(page)
    page.get_by_role("link", name="Propose a partnership").click()
    a11y["proposal form"] = serious_violations(page)
    form = page.locator("main form")
    form.locator("select[name=partners]").select_option(str(other_municipality.pk))
    form.locator("select[name=kind]").select_option("solidarity")
    form.locator("input[name=title]").fill(TITLE)
    form.get_by_role("button", name="Save").click()
    expect(page.locator("main h1")).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("Waiting for confirmation")
    a11y["proposal"] = serious_violations(page)
    partnership = Partnership.objects.get()

    other_context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    other = other_context.new_page()
    try:
        _log_in(other, url, outsider.email)
        a11y["dashboard"] = serious_violations(other)
        other.locator("main").get_by_role("link", name=TITLE).click()
        other.get_by_role("button", name="Confirm for Esslingen am Neckar").click()
        expect(other.locator("main")).to_contain_text("Your confirmation is recorded.")
        expect(other.locator("main hgroup")).to_contain_text("Active")

        other.get_by_role("button", name="Add an event").click()
        a11y["event form"] = serious_violations(other)
        form = other.locator("main form")
        form.locator("select[name=kind]").select_option("meeting")
        form.locator("input[name=topic]").fill(TOPIC)
        form.locator("input[name=held_on]").fill("2025-06-16")
        form.locator("input[name=place]").fill("Esslingen am Neckar")
        form.locator("select[name=participants]").select_option(
            [str(municipality.pk), str(other_municipality.pk), str(offering.pk)]
        )
        form.get_by_role("button", name="Save").click()
        expect(other.locator("#timeline")).to_contain_text(f"Meeting: {TOPIC}")
        expect(other.locator("#timeline")).to_contain_text("Taking part:")
    finally:
        other_context.close()

    page.goto(f"{url}/en/partnerships/{partnership.uuid}/")
    expect(page.locator("#timeline")).to_contain_text(TOPIC)
    map_svg = page.locator("svg#partnership-map")
    expect(map_svg.locator("circle.place.member")).to_have_count(2)
    expect(map_svg.locator('circle.place.guest[data-name="Lublin"]')).to_have_count(1)
    expect(page.locator(".map-list.guests")).to_contain_text("Lublin")
    a11y["partnership with its event"] = serious_violations(page)

    page.goto(f"{url}/en/partnerships/map/")
    expect(page.locator("svg#partnerships-map circle.place.member")).to_have_count(2)
    a11y["map"] = serious_violations(page)
    assert not any(a11y.values()), "axe-core found problems:\n" + format_violations(a11y)
