"""Every page names its icon, and the address browsers try on their own leads to it."""

from django.contrib.staticfiles import finders
from django.templatetags.static import static


def test_pages_link_the_icon(client, db):
    page = client.get("/en/").content.decode()
    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in page
    assert finders.find("favicon.svg")


def test_favicon_ico_redirects_to_the_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("favicon.svg")


def test_the_icon_may_be_cached_and_health_may_not(client, db):
    assert "no-cache" not in client.get("/favicon.ico").get("Cache-Control", "")
    assert "no-cache" in client.get("/health/")["Cache-Control"]
