"""With Redis unreachable (cache, rate limits and Celery broker alike) the platform degrades
and does not break: logging in, signing up, resetting a password, reading pages, saving a
posting and writing a message all work; /health/ says what is missing."""

import pytest
from django.core import mail
from django.test import override_settings

from cities4cities.celery import app as celery_app
from core.models import OutgoingEmail
from matching import services as matching_services
from needs.models import Need
from tests.celery_worker import _fresh_broker_connections
from tests.factories import PASSWORD, form_data

pytestmark = pytest.mark.django_db(transaction=True)

UNREACHABLE = "redis://127.0.0.1:1/0"
CACHES = {
    "default": {
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": UNREACHABLE,
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture(autouse=True)
def redis_down(settings):
    """Cache and broker both point at a port where nothing listens."""
    celery_app.conf.task_always_eager = False
    _fresh_broker_connections()
    celery_app.conf.broker_url = UNREACHABLE
    with override_settings(CACHES=CACHES, REDIS_URL=UNREACHABLE):
        yield
    _fresh_broker_connections()
    celery_app.conf.broker_url = settings.CELERY_BROKER_URL


def test_logging_in_works(client, official):
    response = client.post("/en/accounts/login/", {"login": official.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(official.pk)


def test_signing_up_works_and_the_confirmation_waits_in_the_outbox(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "new@town.example",
            "first_name": "Jonas",
            "last_name": "Brandt",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert OutgoingEmail.objects.exists() or mail.outbox  # allauth's mail or ours, not a 500


def test_asking_for_a_password_reset_works(client, official):
    response = client.post("/en/accounts/password/reset/", {"email": official.email})
    assert response.status_code == 302


def test_pages_that_only_read_work(client, need):
    for url in ("/en/", "/en/needs/", f"/en/needs/{need.pk}/", "/en/municipalities/"):
        assert client.get(url).status_code == 200, url


def test_saving_a_posting_and_writing_a_message_work(
    official_client, municipality, official, match
):
    response = official_client.post(
        "/en/needs/new/", form_data(municipality, official, action="publish")
    )
    assert response.status_code == 302
    assert Need.objects.filter(title_en="Hospital beds for the regional hospital").exists()
    matching_services.match_contact(user=official, match=match)
    message = matching_services.message_post(user=official, match=match, body="Still needed?")
    assert message.pk


def test_health_says_the_platform_is_degraded(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["redis"] == "unavailable"
