"""An official switches to Ukrainian, posts a need in Ukrainian, finds it, sees it on the
dashboard."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from needs.models import Need
from postings.models import HelpKind, Sector, Topic
from tests.browser.accessibility import format_violations, serious_violations
from tests.factories import PASSWORD, NeedFactory

TITLE = "Потрібні лікарняні ліжка для обласної лікарні"


@pytest.mark.browser
def test_an_official_posts_a_need_in_ukrainian_and_finds_it(
    live_server, page: Page, official, municipality
):
    url = live_server.url
    a11y: dict[str, list[str]] = {}
    other = NeedFactory(
        municipality=municipality, title_en="Diesel generators for schools", description_en="…"
    )

    page.goto(f"{url}/en/accounts/login/")
    login = page.locator("main form").filter(has=page.locator("input[name=password]"))
    login.locator("input[name=login]").fill(official.email)
    login.locator("input[name=password]").fill(PASSWORD)
    login.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{url}/en/dashboard/")

    switcher = page.locator("footer form.language-switcher")
    switcher.locator("select#language-select").select_option("uk")
    switcher.locator("button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "uk")

    page.goto(f"{url}/uk/needs/new/")
    a11y["new need form (uk)"] = serious_violations(page)
    form = page.locator("main form").filter(has=page.locator("textarea[name=description]"))
    expect(form.locator("select[name=original_language]")).to_have_value("uk")
    form.locator("input[name=title]").fill(TITLE)
    form.locator("textarea[name=description]").fill(
        "Двадцять функціональних ліжок з матрацами для відділення реабілітації."
    )
    form.locator("select[name=sector]").select_option(str(Sector.objects.get(slug="health").pk))
    form.locator("select[name=topic]").select_option(
        str(Topic.objects.get(slug="medical-equipment").pk)
    )
    form.locator("select[name=help_kind]").select_option(str(HelpKind.objects.get(slug="goods").pk))
    form.locator("input[name=quantity]").fill("20")
    form.locator("input[name=unit]").fill("ліжок")
    needed_by = (timezone.localdate() + timedelta(days=90)).isoformat()
    form.locator("input[name=needed_by]").fill(needed_by)
    form.locator("button[name=action][value=publish]").click()

    expect(page).to_have_url(re.compile(rf"^{re.escape(url)}/uk/needs/\d+/$"))
    expect(page.locator("main h1")).to_have_text(TITLE)
    a11y["need detail (uk)"] = serious_violations(page)
    need = Need.objects.get(title_uk=TITLE)
    assert need.status == Need.Status.PUBLISHED
    assert need.original_language == "uk"

    page.goto(f"{url}/uk/needs/")
    search = page.locator("main search form")
    search.locator("input[name=q]").fill("ліжк")
    search.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]q=%D0%BB%D1%96%D0%B6%D0%BA"))
    expect(page.locator("main").get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.locator("main").get_by_role("link", name=other.title_en)).to_have_count(0)
    a11y["search results (uk)"] = serious_violations(page)

    page.goto(f"{url}/uk/postings/municipality/{municipality.slug}/")
    expect(page.locator("main").get_by_role("link", name=TITLE)).to_be_visible()
    a11y["municipality dashboard (uk)"] = serious_violations(page)

    assert not any(a11y.values()), "axe-core found problems:\n" + format_violations(a11y)
