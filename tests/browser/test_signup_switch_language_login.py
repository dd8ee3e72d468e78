"""A new official signs up, confirms the email, switches to Ukrainian and signs in."""

import re
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from accounts.models import User
from tests.browser.accessibility import format_violations, serious_violations

EMAIL = "olena.kovalenko@kamianets.example.org"
PASSWORD = "Sunflower-fields-2024!"
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/[^/\s]+/")


@pytest.mark.browser
def test_a_new_user_signs_up_switches_to_ukrainian_and_lands_on_the_ukrainian_dashboard(
    live_server, page: Page, mailoutbox
):
    url = live_server.url
    a11y: dict[str, list[str]] = {}

    page.goto(f"{url}/en/accounts/signup/")
    a11y["signup page (en)"] = serious_violations(page)
    signup = page.locator("main form").filter(has=page.locator("input[name=password2]"))
    signup.get_by_label("First name").fill("Olena")
    signup.get_by_label("Last name").fill("Kovalenko")
    signup.locator("input[name=email]").fill(EMAIL)
    signup.locator("input[name=password1]").fill(PASSWORD)
    signup.locator("input[name=password2]").fill(PASSWORD)
    signup.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{url}/en/accounts/confirm-email/")

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [EMAIL]
    link = CONFIRM_LINK.search(mailoutbox[0].body)
    assert link, f"no confirmation link in the email:\n{mailoutbox[0].body}"
    page.goto(url + urlsplit(link.group()).path)
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/confirm-email/"))

    # Confirming in the browser that signed up logs the user in; start the next part signed out.
    sign_out = page.locator("header form[action$='/accounts/logout/'] button[type=submit]")
    if sign_out.count():
        sign_out.click()
    expect(page.locator("header a[href$='/accounts/login/']")).to_be_visible()

    switcher = page.locator("footer form.language-switcher")
    switcher.locator("select#language-select").select_option("uk")
    switcher.locator("button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page).to_have_url(re.compile(rf"^{re.escape(url)}/uk/"))

    page.locator("header a[href='/uk/accounts/login/']").click()
    expect(page).to_have_url(f"{url}/uk/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    a11y["login page (uk)"] = serious_violations(page)
    login = page.locator("main form").filter(has=page.locator("input[name=password]"))
    login.locator("input[name=login]").fill(EMAIL)
    login.locator("input[name=password]").fill(PASSWORD)
    login.locator("button[type=submit]").click()

    expect(page).to_have_url(f"{url}/uk/dashboard/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    with translation.override("uk"):
        dashboard = translation.gettext("Dashboard")
    expect(page.locator("main h1")).to_have_text(dashboard)
    a11y["dashboard (uk)"] = serious_violations(page)
    assert User.objects.get(email=EMAIL).language == "uk", "the choice is kept on the account"

    assert not any(a11y.values()), "axe-core found problems:\n" + format_violations(a11y)
