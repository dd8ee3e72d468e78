"""Two officials of two cities: one posts a need, the other sees the match, they talk, agree and
deliver, and the need shows as covered."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from matching.models import Match
from needs.models import Need
from postings.models import HelpKind, Sector, Topic
from tests.browser.accessibility import format_violations, serious_violations
from tests.factories import PASSWORD, OfferFactory

NEED_TITLE = "Hospital beds for the regional hospital"


def _log_in(page: Page, url: str, email: str) -> None:
    page.goto(f"{url}/en/accounts/login/")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{url}/en/dashboard/")


def _post_need(page: Page, url: str) -> None:
    page.goto(f"{url}/en/needs/new/")
    form = page.locator("main form").filter(has=page.locator("textarea[name=description]"))
    form.locator("input[name=title]").fill(NEED_TITLE)
    form.locator("textarea[name=description]").fill(
        "Twenty hospital beds with mattresses for the rehabilitation ward."
    )
    form.locator("select[name=sector]").select_option(str(Sector.objects.get(slug="health").pk))
    form.locator("select[name=topic]").select_option(
        str(Topic.objects.get(slug="medical-equipment").pk)
    )
    form.locator("select[name=help_kind]").select_option(str(HelpKind.objects.get(slug="goods").pk))
    form.locator("input[name=quantity]").fill("20")
    form.locator("input[name=unit]").fill("beds")
    form.locator("button[name=action][value=publish]").click()
    expect(page.locator("main h1")).to_have_text(NEED_TITLE)


def _send(page: Page, text: str) -> None:
    page.locator("textarea[name=body]").last.fill(text)
    page.locator("form[action*='/messages/'] button[type=submit]").click()
    expect(page.locator("main")).to_contain_text(text)


@pytest.mark.browser
def test_two_cities_find_each_other_talk_agree_and_deliver(
    live_server, page: Page, browser: Browser, official, municipality, outsider, other_municipality
):
    url = live_server.url
    a11y: dict[str, list[str]] = {}
    OfferFactory(
        municipality=other_municipality,
        original_language="de",
        title_en="",
        description_en="",
        title_de="Krankenhausbetten und Patientenmonitore",
        description_de="Ein Klinikum gibt 20 Pflegebetten mit Matratzen ab.",
        contact=outsider,
        unit="Betten",
    )

    _log_in(page, url, official.email)
    _post_need(page, url)
    need = Need.objects.get(title_en=NEED_TITLE)
    match = Match.objects.get(need=need)

    offering = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    other = offering.new_page()
    try:
        _log_in(other, url, outsider.email)
        other.goto(f"{url}/en/postings/municipality/{other_municipality.slug}/")
        other.locator("#matches").get_by_role("link", name=re.compile(NEED_TITLE)).first.click()
        expect(other).to_have_url(f"{url}/en/matches/{match.pk}/")
        a11y["match page"] = serious_violations(other)
        other.locator("textarea[name=body]").first.fill("We can send 20 beds next month.")
        other.locator("form[action$='/contact/'] button[type=submit]").click()
        expect(other.locator("main")).to_contain_text("We can send 20 beds next month.")

        page.goto(f"{url}/en/matches/{match.pk}/")
        _send(page, "Wonderful, we will collect them at the Polish border.")
        page.locator("#agree-form input[name=quantity]").fill("20")
        page.locator("#agree-form button[type=submit]").click()
        expect(page.locator("#deliver-form")).to_be_hidden()  # until the other city accepts

        other.reload()
        expect(other.locator("main")).to_contain_text("Wonderful, we will collect them")
        other.locator("#accept-form button[type=submit]").click()
        a11y["accepted agreement"] = serious_violations(other)
        _send(other, "The truck leaves on Monday.")

        page.goto(f"{url}/en/matches/{match.pk}/")
        page.locator("#deliver-form button[type=submit]").click()
        a11y["delivered match"] = serious_violations(page)
    finally:
        offering.close()

    need.refresh_from_db()
    match.refresh_from_db()
    assert match.status == Match.Status.DELIVERED
    assert need.quantity_covered == 20
    assert need.status == Need.Status.FULFILLED
    page.goto(f"{url}/en/needs/{need.pk}/")
    expect(page.locator("main")).to_contain_text("Fulfilled")
    assert not any(a11y.values()), "axe-core found problems:\n" + format_violations(a11y)
