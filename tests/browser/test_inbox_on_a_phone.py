"""An official opens their inbox on a phone: the folded menu says a message waits, the inbox
lists the conversation and a new strong match (a weaker one folded away), the conversation is
one tap away, and once read the count is gone. Every page fits 375 px and passes axe."""

import pytest
from playwright.sync_api import Browser, Page, expect

from matching.models import Conversation, Match, Message
from tests.browser.accessibility import format_violations, serious_violations
from tests.browser.conftest import policy_violations, signed_in_context
from tests.factories import MatchFactory, NeedFactory, OfferFactory

PHONE = {"width": 375, "height": 740}
MESSAGE = "We can send twenty beds next week. Which address should the lorry go to?"


def _too_wide(page: Page) -> list[str]:
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    return [] if fits else [page.url]


@pytest.fixture
def inbox(municipality, other_municipality, official, outsider) -> dict[str, Match]:
    """The official's need with three offers of Esslingen: one they talk about (an unread
    message from Esslingen), a new strong match and a new weak one."""
    need = NeedFactory(
        municipality=municipality,
        contact=official,
        title_en="Hospital beds for the regional hospital in Kamianets-Podilskyi",
    )

    def offer(title: str, score: float, **fields) -> Match:
        posting = OfferFactory(municipality=other_municipality, contact=outsider, title_en=title)
        return MatchFactory(need=need, offer=posting, score=score, **fields)

    talking = offer("Hospital beds with mattresses", 0.88, status=Match.Status.CONTACTED)
    conversation = Conversation.objects.create(match=talking, started_by=outsider)
    Message.objects.create(conversation=conversation, author=outsider, body=MESSAGE)
    return {
        "talking": talking,
        "strong": offer("Rehabilitation beds from the municipal clinic", 0.93),
        "weak": offer("Folding camp beds", 0.42),
    }


@pytest.mark.browser
def test_an_official_reads_the_inbox_on_a_phone(live_server, browser: Browser, official, inbox):
    url = live_server.url
    context = signed_in_context(browser, url, official)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    refused = policy_violations(page)
    a11y: dict[str, list[str]] = {}
    too_wide: list[str] = []

    page.goto(f"{url}/en/dashboard/")
    expect(page.locator("main h1")).to_have_text("Dashboard")
    menu = page.locator("header nav summary")
    expect(menu).to_contain_text("1 unread message")
    too_wide += _too_wide(page)
    a11y["inbox (375 px)"] = serious_violations(page)

    messages = page.locator("#inbox-messages")
    expect(messages).to_contain_text("Hospital beds with mattresses")
    expect(messages).to_contain_text("1 unread message")
    matches = page.locator("#inbox-matches")
    strong = matches.get_by_role("link", name="Rehabilitation beds from the municipal clinic")
    expect(strong).to_be_visible()
    expect(matches).to_contain_text("93% fit")
    weak = matches.get_by_role("link", name="Folding camp beds")
    expect(weak).to_be_hidden()
    matches.locator("summary", has_text="1 weaker match").click()
    expect(weak).to_be_visible()

    menu.click()
    dashboard_link = page.locator("header nav").get_by_role("link", name="Dashboard")
    expect(dashboard_link).to_be_visible()
    expect(dashboard_link).to_contain_text("1 unread message")
    a11y["inbox with the menu open (375 px)"] = serious_violations(page)
    menu.click()

    messages.get_by_role("link", name="Hospital beds with mattresses").click()
    expect(page).to_have_url(f"{url}/en/matches/{inbox['talking'].pk}/#conversation")
    expect(page.locator("#conversation")).to_contain_text(MESSAGE)
    expect(page.locator("header nav .badge-unread")).to_have_count(0)
    too_wide += _too_wide(page)
    a11y["the conversation (375 px)"] = serious_violations(page)

    menu.click()
    page.locator("header nav").get_by_role("link", name="Dashboard").click()
    expect(page).to_have_url(f"{url}/en/dashboard/")
    expect(page.locator("#inbox-messages")).to_have_count(0)
    expect(page.locator("header nav .badge-unread")).to_have_count(0)
    page.locator("#inbox-matches").get_by_role(
        "link", name="Rehabilitation beds from the municipal clinic"
    ).click()
    expect(page).to_have_url(f"{url}/en/matches/{inbox['strong'].pk}/")
    too_wide += _too_wide(page)

    context.close()
    assert not too_wide, f"Wider than a phone: {too_wide}"
    assert not any(a11y.values()), format_violations(a11y)
    assert not refused, f"The Content-Security-Policy refused: {refused}"
