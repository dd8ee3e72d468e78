"""An official creates an API token on their account page, copies it, and revokes it; the page
passes axe-core with a token shown and with the list of tokens."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.accessibility import format_violations, serious_violations
from tests.factories import PASSWORD


@pytest.mark.browser
def test_an_official_creates_and_revokes_an_api_token(live_server, page: Page, official):
    url = live_server.url
    a11y: dict[str, list[str]] = {}
    page.goto(f"{url}/en/accounts/login/")
    login = page.locator("main form").filter(has=page.locator("input[name=password]"))
    login.locator("input[name=login]").fill(official.email)
    login.locator("input[name=password]").fill(PASSWORD)
    login.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{url}/en/dashboard/")

    page.goto(f"{url}/en/accounts/notifications/")
    page.get_by_role("link", name="API tokens").click()
    expect(page.locator("main h1")).to_have_text("API tokens")
    a11y["api tokens, none yet"] = serious_violations(page)

    page.get_by_label("Name").fill("Needs register")
    page.get_by_label("Valid for").select_option("30")
    page.get_by_role("button", name="Create the token").click()
    token = page.locator("#new-token")
    expect(token).to_have_text(re.compile(r"^c4c_[0-9a-f]+$"))
    a11y["api tokens, a new one shown"] = serious_violations(page)

    page.goto(f"{url}/en/accounts/api-tokens/")
    expect(page.locator("#new-token")).to_have_count(0)
    page.get_by_role("button", name="Revoke “Needs register”").click()
    expect(page.locator("main")).to_contain_text("You have no API tokens.")

    assert not any(a11y.values()), "axe-core found problems:\n" + format_violations(a11y)
