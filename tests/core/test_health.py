import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_ok_when_database_and_redis_answer(client):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["redis"] == "ok"
    # No worker runs in this test: emails and matching wait, so the platform is degraded.
    assert (body["worker"], body["status"]) in {("ok", "ok"), ("unavailable", "degraded")}


def test_health_says_degraded_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/")
    assert response.status_code == 200  # the site still serves
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "redis": "unavailable",
        "worker": "unavailable",
    }


def test_health_answers_503_without_the_database(client, monkeypatch):
    monkeypatch.setattr("core.health.check_database", lambda: "unavailable")
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
