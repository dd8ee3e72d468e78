"""Every page is served with a strict Content-Security-Policy and a Permissions-Policy, and the
pages that are most likely to break under it still work without a single refusal: the admin
(list, form with its widgets), Swagger UI, the statistics charts and the partnership map. (Every
other browser test fails on a refusal too: see the `page` fixture.)"""

import pytest
from playwright.sync_api import Browser, Page, expect

from needs.models import Need
from tests.browser.conftest import policy_violations, signed_in_context
from tests.factories import NeedFactory, PartnershipFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_policy_is_strict(client):
    response = client.get("/en/")
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_charts_and_the_map_draw_without_refusals(live_server, page: Page, municipality):
    NeedFactory(municipality=municipality, status=Need.Status.PUBLISHED)
    PartnershipFactory()

    page.goto(f"{live_server.url}/en/postings/statistics/")
    expect(page.locator("svg.chart").first).to_be_visible()
    page.goto(f"{live_server.url}/en/partnerships/map/")
    expect(page.locator("svg.partnership-map")).to_be_visible()
    # the `page` fixture fails the test on any refusal


def test_the_admin_and_the_api_docs_work_under_the_policy(live_server, browser: Browser, need):
    context = signed_in_context(browser, live_server.url, StaffFactory())
    page = context.new_page()
    refused = policy_violations(page)

    page.goto(f"{live_server.url}/admin/needs/need/")
    expect(page.locator("#result_list")).to_be_visible()
    page.locator("#action-toggle").check()  # the admin's own script runs
    expect(page.locator(".action-counter")).to_contain_text("1 of 1 selected")
    page.goto(f"{live_server.url}/admin/needs/need/{need.pk}/change/")
    expect(page.locator("#need_form")).to_be_visible()

    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    page.locator(".opblock-summary").first.click()  # Swagger UI's script runs and styles
    expect(page.locator(".opblock-body").first).to_be_visible()

    context.close()
    assert not refused, "\n".join(refused)
