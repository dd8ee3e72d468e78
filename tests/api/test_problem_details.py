"""Every 4xx of the API has one shape (RFC 9457 problem details), and the rate limits answer
429 with Retry-After, or let requests through when Redis is unreachable."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from core.api.throttling import IPRateThrottle, TokenRateThrottle
from tests.api.clients import token_client

pytestmark = pytest.mark.django_db

NEEDS = "/api/v1/needs/"
PROBLEM_KEYS = {"type", "title", "status", "code", "detail"}


def _problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body.keys() >= PROBLEM_KEYS
    assert (body["status"], body["code"]) == (status, code)
    assert body["type"].endswith(f"/{code}")
    return body


def test_a_path_that_matches_nothing_is_a_404_problem():
    _problem(APIClient().get("/api/v1/no-such-thing/"), 404, "not_found")


def test_malformed_json_is_a_400_problem(official):
    response = token_client(official).post(NEEDS, '{"title": ', content_type="application/json")
    _problem(response, 400, "parse_error")


def test_another_content_type_is_a_415_problem(official):
    response = token_client(official).post(NEEDS, "title=x", content_type="text/plain")
    _problem(response, 415, "unsupported_media_type")


def test_a_method_the_collection_does_not_allow_is_a_405_problem(official, need):
    _problem(token_client(official).delete(f"{NEEDS}{need.uuid}/"), 405, "method_not_allowed")


def test_a_wrong_token_is_a_401_problem_with_a_challenge():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer c4c_not-a-token")
    response = client.get(NEEDS)
    _problem(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"] == "Bearer"


def test_an_expired_token_is_a_401_problem(official):
    client = token_client(official, lifetime=timedelta(days=30))
    AuthToken.objects.filter(user=official).update(expiry=timezone.now() - timedelta(seconds=1))
    _problem(client.get("/api/v1/me/"), 401, "authentication_failed")


def test_an_unknown_object_is_a_404_problem():
    _problem(APIClient().get(f"{NEEDS}00000000-0000-0000-0000-000000000000/"), 404, "not_found")
    _problem(APIClient().get(f"{NEEDS}not-a-uuid/"), 404, "not_found")


def test_over_the_limit_a_client_waits_for_retry_after(monkeypatch, official):
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "3/minute", "ip": None})
    monkeypatch.setattr(IPRateThrottle, "THROTTLE_RATES", {"token": None, "ip": "100/minute"})
    client = token_client(official)
    assert [client.get(NEEDS).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(NEEDS)
    _problem(response, 429, "throttled")
    assert 0 < int(response["Retry-After"]) <= 60
    assert token_client(official).get(NEEDS).status_code == 200  # another token, its own limit


def test_anonymous_clients_are_limited_per_address(monkeypatch):
    monkeypatch.setattr(IPRateThrottle, "THROTTLE_RATES", {"token": None, "ip": "2/minute"})
    assert [APIClient().get(NEEDS).status_code for _ in range(3)] == [200, 200, 429]
    other = APIClient(REMOTE_ADDR="192.0.2.7")
    assert other.get(NEEDS).status_code == 200


def test_the_limits_fail_open_without_redis(monkeypatch, caplog):
    monkeypatch.setattr(IPRateThrottle, "THROTTLE_RATES", {"token": None, "ip": "1/minute"})
    unreachable = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(CACHES=unreachable):
        assert [APIClient().get(NEEDS).status_code for _ in range(2)] == [200, 200]
    assert "Cache unreachable" in caplog.text
