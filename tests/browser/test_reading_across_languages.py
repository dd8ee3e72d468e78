"""A German official reads a Ukrainian need in German (a LibreTranslate-compatible server in the
test process translates), finds it by a German word, gets the match email with the need's
title in German, and writes in the conversation; the Ukrainian side reads it in Ukrainian.
Without a translation service the same pages work and say that translation is not set up."""

import re

import pytest
from django.core import mail
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect

from matching.models import Match
from municipalities.models import Membership
from needs.models import Need
from postings.models import HelpKind, Sector, Topic
from tests.browser.accessibility import format_violations, serious_violations
from tests.factories import MembershipFactory
from tests.postings.languages import BEDS_UK, german_offer

GERMAN_TITLE = "Krankenhausbetten und Patientenmonitore"  # the need, as the machine puts it
GERMAN_MESSAGE = "Wir können 20 Betten nächste Woche schicken."
UKRAINIAN_MESSAGE = "Ми можемо надіслати 20 ліжок наступного тижня."


def _signed_in(browser: Browser, url: str, user) -> BrowserContext:
    """A browser context with the user's session (signing in is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}]
    )
    context.set_default_timeout(10_000)
    return context


def _post_ukrainian_need(page: Page, url: str) -> Need:
    page.goto(f"{url}/uk/needs/new/")
    form = page.locator("main form").filter(has=page.locator("textarea[name=description]"))
    form.locator("select[name=original_language]").select_option("uk")
    form.locator("input[name=title]").fill(BEDS_UK["title_uk"])
    form.locator("textarea[name=description]").fill(BEDS_UK["description_uk"])
    form.locator("select[name=sector]").select_option(str(Sector.objects.get(slug="health").pk))
    form.locator("select[name=topic]").select_option(
        str(Topic.objects.get(slug="medical-equipment").pk)
    )
    form.locator("select[name=help_kind]").select_option(str(HelpKind.objects.get(slug="goods").pk))
    form.locator("input[name=quantity]").fill("20")
    form.locator("input[name=unit]").fill(BEDS_UK["unit"])
    form.locator("button[name=action][value=publish]").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(url)}/uk/needs/\d+/$"))
    return Need.objects.get(title_uk=BEDS_UK["title_uk"])


def _people(municipality, other_municipality):
    """A manager on each side, who reads their own language; the German city's offer."""
    ukrainian = MembershipFactory(
        municipality=municipality, role=Membership.Role.MANAGER, user__language="uk"
    ).user
    german = MembershipFactory(
        municipality=other_municipality, role=Membership.Role.MANAGER, user__language="de"
    ).user
    german_offer(other_municipality, contact=german, quantity=20)
    return ukrainian, german


@pytest.mark.browser
def test_a_german_official_reads_finds_and_answers_a_ukrainian_need(
    live_server, browser: Browser, libretranslate, municipality, other_municipality
):
    url, a11y = live_server.url, {}
    ukrainian, german = _people(municipality, other_municipality)
    kyiv, esslingen = _signed_in(browser, url, ukrainian), _signed_in(browser, url, german)
    try:
        need = _post_ukrainian_need(kyiv.new_page(), url)  # translated and matched after saving
        match = Match.objects.get(need=need)
        [email] = [email for email in mail.outbox if email.to == [german.email]]
        assert GERMAN_TITLE in email.subject

        reader = esslingen.new_page()
        reader.goto(f"{url}/de/needs/?q=Betten")
        expect(reader.locator("main .cards")).to_contain_text(GERMAN_TITLE)
        a11y["needs searched in German"] = serious_violations(reader)
        reader.locator("main .cards").get_by_role("link", name=GERMAN_TITLE).click()
        expect(reader.locator("main h1")).to_have_text(GERMAN_TITLE)
        expect(reader.locator("main h1")).to_have_attribute("lang", "de")
        a11y["need in German"] = serious_violations(reader)
        reader.locator("a[href='?original=1']").click()
        expect(reader.locator("main h1")).to_have_text(BEDS_UK["title_uk"])

        reader.goto(f"{url}/de/matches/{match.pk}/")
        expect(reader.locator("#need-title")).to_contain_text(GERMAN_TITLE)
        reader.locator("textarea[name=body]").first.fill(GERMAN_MESSAGE)
        reader.locator("form[action$='/contact/'] button[type=submit]").click()
        expect(reader.locator("#conversation")).to_contain_text(GERMAN_MESSAGE)
        a11y["match in German"] = serious_violations(reader)

        answer = kyiv.new_page()
        answer.goto(f"{url}/uk/matches/{match.pk}/")
        expect(answer.locator("#conversation")).to_contain_text(UKRAINIAN_MESSAGE)
        answer.locator("#conversation summary").first.click()
        expect(answer.locator("#conversation details p")).to_have_text(GERMAN_MESSAGE)
        a11y["match in Ukrainian"] = serious_violations(answer)

        answer.goto(f"{url}/en/needs/{need.pk}/")
        answer.get_by_role("link", name="Correct the translation").click()
        a11y["correcting the English translation"] = serious_violations(answer)
        answer.locator("input[name=title]").fill("Hospital beds and bedside monitors")
        answer.locator("main form button[type=submit]").click()
        expect(answer.locator("main h1")).to_have_text("Hospital beds and bedside monitors")
    finally:
        kyiv.close()
        esslingen.close()

    [to_ukrainian] = [
        e for e in mail.outbox if e.to == [ukrainian.email] and GERMAN_MESSAGE in e.body
    ]
    assert to_ukrainian.body.index(UKRAINIAN_MESSAGE) < to_ukrainian.body.index(GERMAN_MESSAGE)
    assert not any(a11y.values()), "axe-core found problems:\n" + format_violations(a11y)


@pytest.mark.browser
def test_without_a_translation_service_the_same_pages_work_and_say_so(
    live_server, browser: Browser, municipality, other_municipality
):
    url, a11y = live_server.url, {}
    ukrainian, german = _people(municipality, other_municipality)
    kyiv, esslingen = _signed_in(browser, url, ukrainian), _signed_in(browser, url, german)
    try:
        need = _post_ukrainian_need(kyiv.new_page(), url)
        match = Match.objects.get(need=need)

        reader = esslingen.new_page()
        reader.goto(f"{url}/en/needs/")
        expect(reader.locator("main")).to_contain_text("Machine translation is not set up")
        expect(reader.locator("main .cards")).to_contain_text(BEDS_UK["title_uk"])
        a11y["needs"] = serious_violations(reader)
        reader.goto(f"{url}/en/needs/{need.pk}/")
        expect(reader.locator("main h1")).to_have_attribute("lang", "uk")
        expect(reader.locator(".language-note")).to_contain_text("not set up")
        a11y["need"] = serious_violations(reader)

        reader.goto(f"{url}/en/matches/{match.pk}/")
        expect(reader.locator("main")).to_contain_text("Machine translation is not set up")
        reader.locator("textarea[name=body]").first.fill(GERMAN_MESSAGE)
        reader.locator("form[action$='/contact/'] button[type=submit]").click()
        expect(reader.locator("#conversation")).to_contain_text(GERMAN_MESSAGE)
        a11y["match"] = serious_violations(reader)
    finally:
        kyiv.close()
        esslingen.close()

    [to_ukrainian] = [
        e for e in mail.outbox if e.to == [ukrainian.email] and GERMAN_MESSAGE in e.body
    ]
    assert GERMAN_MESSAGE in to_ukrainian.body
    assert not any(a11y.values()), "axe-core found problems:\n" + format_violations(a11y)
