"""At 375 px, the width of a small phone, no page scrolls sideways: the navigation folds into a
menu that opens without JavaScript, headings wrap between words, wide tables scroll inside
themselves."""

import pytest
from playwright.sync_api import Browser, Page, expect

from matching.models import Match
from tests.browser.accessibility import format_violations, serious_violations
from tests.browser.conftest import policy_violations, signed_in_context
from tests.factories import MatchFactory, NeedFactory, OfferFactory, PartnershipFactory

PHONE = {"width": 375, "height": 740}
# The elements that stick out, to say what to fix when the page is too wide.
WIDE_ELEMENTS = """() => [...document.querySelectorAll('body *')]
    .filter(element => element.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 8)
    .map(element => element.tagName.toLowerCase()
        + (element.className ? '.' + String(element.className).replace(/ /g, '.') : '')
        + ' ' + Math.round(element.getBoundingClientRect().right) + 'px')"""


def _fits(page: Page, url: str) -> list[str]:
    """Opens the page; what sticks out if it is wider than the viewport."""
    response = page.goto(url)
    assert response is not None, url
    assert response.ok, url
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    return [] if fits else [f"{url}: {page.evaluate(WIDE_ELEMENTS)}"]


@pytest.fixture
def match(municipality, other_municipality, official, outsider) -> Match:
    need = NeedFactory(
        municipality=municipality,
        contact=official,
        title_en="Hospital beds for the regional hospital in Kamianets-Podilskyi",
        quantity=20,
        unit="beds",
    )
    offer = OfferFactory(
        municipality=other_municipality,
        contact=outsider,
        original_language="de",
        title_en="",
        title_de="Krankenhausbettenspendeaktion für Partnerstädte",
        description_en="",
        description_de="Zwanzig Krankenhausbetten mit Matratzen.",
    )
    PartnershipFactory(members=[municipality, other_municipality])
    return MatchFactory(need=need, offer=offer, score=0.9)


@pytest.mark.browser
def test_every_page_fits_a_phone(live_server, browser: Browser, official, match: Match):
    url = live_server.url
    context = signed_in_context(browser, url, official)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    refused = policy_violations(page)
    need, municipality = match.need, match.need.municipality
    too_wide = []
    for path in [
        "/en/",
        "/en/needs/",
        "/en/offers/",
        need.get_absolute_url(),
        f"/en/matches/{match.pk}/",
        "/en/dashboard/",
        "/en/partnerships/",
        municipality.get_absolute_url(),
        "/en/accounts/profile/",
        "/en/postings/statistics/",
    ]:
        too_wide += _fits(page, url + path)
    context.close()
    assert not too_wide, "Wider than a phone:\n" + "\n".join(too_wide)
    assert not refused, f"The Content-Security-Policy refused: {refused}"


@pytest.mark.browser
def test_the_menu_folds_on_a_phone_and_opens_without_javascript(
    live_server, browser: Browser, need
):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    menu = page.locator("header nav summary")
    needs_link = page.locator("header nav").get_by_role("link", name="Needs", exact=True)
    expect(menu).to_be_visible()
    expect(menu).to_have_text("Menu")
    expect(needs_link).to_be_hidden()

    menu.focus()
    page.keyboard.press("Enter")
    expect(needs_link).to_be_visible()
    for name in ["Offers", "Municipalities", "Partnerships", "Sign in", "Sign up"]:
        expect(page.locator("header nav a", has_text=name)).to_be_visible()
    expect(page.locator("footer select[name=language]")).to_be_visible()

    needs_link.click()
    expect(page).to_have_url(f"{live_server.url}/en/needs/")
    context.close()


@pytest.mark.browser
def test_the_open_menu_is_accessible_on_a_phone(live_server, browser: Browser):
    # axe runs as a script, so this context has JavaScript.
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    page.locator("header nav summary").click()
    expect(page.locator("header nav a", has_text="Needs")).to_be_visible()
    a11y = {"home with the menu open (375 px)": serious_violations(page)}
    context.close()
    assert not any(a11y.values()), format_violations(a11y)


@pytest.mark.browser
def test_on_a_wide_screen_the_links_show_without_a_menu(live_server, page: Page):
    page.goto(f"{live_server.url}/en/")
    expect(page.locator("header nav summary")).to_be_hidden()
    expect(page.locator("header nav").get_by_role("link", name="Needs", exact=True)).to_be_visible()
