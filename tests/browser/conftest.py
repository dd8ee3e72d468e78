"""Headless Chromium for the end-to-end tests, driven by Playwright's sync API.

We use Debian's Chromium: Playwright's own browser builds cannot be downloaded here.
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_DIR = Path("/tmp")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"Browser tests need Chromium at {CHROMIUM}; it is not installed."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason} REQUIRE_BROWSER=1 is set, so this is an error.")
        pytest.skip(reason)

    # The sync API keeps an asyncio loop marked as running in this thread for as long as
    # Playwright is started, so every ORM call in the test thread (the test's own queries, the
    # database flush after it) would raise SynchronousOnlyOperation. The live server answers
    # from another thread, which this does not affect.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
            # While Playwright runs, Django keeps this thread's connections apart (as if async):
            # closed now, or they would keep the test database from being dropped.
            connections.close_all()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def policy_violations(page: Page) -> list[str]:
    """What the page's Content-Security-Policy refused (Chromium reports each on the console),
    filled in as the page runs."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return refused


def signed_in_context(browser: Browser, url: str, user) -> BrowserContext:
    """A browser context with the user's session (signing in is tested elsewhere; staff need
    no second factor this way)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}]
    )
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser context per test: no cookies or language carried over. Anything the
    Content-Security-Policy refuses fails the test."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    refused = policy_violations(page)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        path = SCREENSHOT_DIR / f"c4c-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        print(f"Screenshot of the failing page ({page.url}): {path}")
    context.close()
    assert not refused, f"The Content-Security-Policy refused: {refused}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Let the `page` fixture know whether the test itself failed."""
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report
