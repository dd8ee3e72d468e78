"""Writes a client can retry and race safely: Idempotency-Key, and ETags with If-Match."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from core.models import IdempotencyKey
from needs.models import Need
from tests.api.clients import token_client
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db

NEEDS = "/api/v1/needs/"


@pytest.fixture
def body(municipality) -> dict:
    return {
        "municipality": str(municipality.uuid),
        "original_language": "en",
        "title": {"en": "Generators"},
        "description": {"en": "Two diesel generators for the hospital."},
        "sector": "energy",
        "help_kind": "goods",
    }


def test_a_retried_post_with_the_same_key_creates_one_need(official, body):
    client = token_client(official)
    first = client.post(NEEDS, body, format="json", HTTP_IDEMPOTENCY_KEY="push-1")
    again = client.post(NEEDS, body, format="json", HTTP_IDEMPOTENCY_KEY="push-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert again["Location"] == first["Location"]
    assert Need.objects.count() == 1


def test_the_same_key_with_another_body_answers_422(official, body):
    client = token_client(official)
    client.post(NEEDS, body, format="json", HTTP_IDEMPOTENCY_KEY="push-1")
    other = client.post(
        NEEDS, {**body, "title": {"en": "Pumps"}}, format="json", HTTP_IDEMPOTENCY_KEY="push-1"
    )
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert Need.objects.count() == 1


def test_a_retry_while_the_first_request_runs_answers_409(official, body):
    client = token_client(official)
    first = client.post(NEEDS, body, format="json", HTTP_IDEMPOTENCY_KEY="push-1")
    IdempotencyKey.objects.update(state=IdempotencyKey.State.RUNNING)  # as if still running
    retry = client.post(NEEDS, body, format="json", HTTP_IDEMPOTENCY_KEY="push-1")
    assert retry.status_code == 409
    assert retry.json()["code"] == "request_in_progress"
    assert retry["Retry-After"] == "1"
    assert first.status_code == 201


def test_keys_belong_to_their_token(official, body):
    token_client(official).post(NEEDS, body, format="json", HTTP_IDEMPOTENCY_KEY="push-1")
    response = token_client(official).post(
        NEEDS, body, format="json", HTTP_IDEMPOTENCY_KEY="push-1"
    )
    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert Need.objects.count() == 2


def test_a_refused_request_frees_its_key(official, outsider, body):
    refused = token_client(outsider).post(NEEDS, body, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert refused.status_code == 403
    assert not IdempotencyKey.objects.exists()


def test_an_unchanged_need_answers_304_to_its_etag(need):
    first = APIClient().get(f"{NEEDS}{need.uuid}/")
    again = APIClient().get(f"{NEEDS}{need.uuid}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    need.title_en = "Beds"
    need.save()
    assert (
        APIClient().get(f"{NEEDS}{need.uuid}/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    )


def test_an_update_with_a_stale_etag_answers_412_and_changes_nothing(need, official):
    client = token_client(official)
    etag = client.get(f"{NEEDS}{need.uuid}/")["ETag"]
    assert (
        client.patch(
            f"{NEEDS}{need.uuid}/", {"quantity": 5}, format="json", HTTP_IF_MATCH=etag
        ).status_code
        == 200
    )
    stale = client.patch(f"{NEEDS}{need.uuid}/", {"quantity": 9}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale.json()["code"] == "precondition_failed"
    need.refresh_from_db()
    assert need.quantity == 5


@pytest.mark.django_db(transaction=True)
def test_of_two_concurrent_patches_with_one_etag_exactly_one_wins(need, official):
    url = f"{NEEDS}{need.uuid}/"
    etag = token_client(official).get(url)["ETag"]
    clients = [token_client(official) for _ in range(2)]
    start, statuses = threading.Barrier(2), []

    def patch(client, quantity: int) -> None:
        start.wait()
        try:
            response = client.patch(url, {"quantity": quantity}, format="json", HTTP_IF_MATCH=etag)
            statuses.append((response.status_code, quantity))
        finally:
            connection.close()  # each thread has its own database connection

    threads = [
        threading.Thread(target=patch, args=(client, q))
        for client, q in zip(clients, (7, 8), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(status for status, _quantity in statuses) == [200, 412]
    winner = next(quantity for status, quantity in statuses if status == 200)
    need.refresh_from_db()
    assert need.quantity == winner


def test_an_action_honours_if_match(need, official):
    client = token_client(official)
    stale = '"0000"'
    response = client.post(f"{NEEDS}{need.uuid}/withdraw/", {}, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    need.refresh_from_db()
    assert need.status == "published"


def test_more_idempotency_keys_than_fit_are_refused(official, body):
    response = token_client(official).post(
        NEEDS, body, format="json", HTTP_IDEMPOTENCY_KEY="k" * 256
    )
    assert response.status_code == 400
    assert not NeedFactory._meta.model.objects.exists()
