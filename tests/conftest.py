"""Personas shared by every test: a municipality's manager and official, an outsider, staff;
their need; for the matching tests, the offering city Lublin, its manager and a match between
the two; and what makes the suite fast: embeddings and cheap password hashes per process."""

from collections.abc import Callable

import numpy as np
import pytest
import redis
from django.conf import settings
from django.test import Client, override_settings
from django.utils import translation

from cities4cities.celery import app as celery_app
from core import embedding
from matching.models import Match
from municipalities.models import Membership, Municipality
from needs.models import Need
from postings.models import HelpKind, Sector, Topic
from postings.taxonomy_data import install_taxonomy
from tests.factories import (
    MatchFactory,
    MembershipFactory,
    MunicipalityFactory,
    NeedFactory,
    StaffFactory,
    UserFactory,
)

pytest_plugins = ["tests.celery_worker", "tests.isolation", "tests.translation_server"]


@pytest.fixture(scope="session", autouse=True)
def _each_text_embedded_once():
    """Embedding is deterministic, and a text's vector does not depend on the texts embedded
    with it, so each process computes the vector of a text once (real vectors, no mock)."""
    vectors: dict[str, np.ndarray] = {}
    compute = embedding.embed

    def embed(texts: list[str]) -> np.ndarray:
        missing = [text for text in dict.fromkeys(texts) if text not in vectors]
        if missing:
            vectors.update(zip(missing, compute(missing), strict=True))
        return np.array([vectors[text] for text in texts], dtype=np.float32).reshape(
            len(texts), embedding.DIMENSIONS
        )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(embedding, "embed", embed)
        yield


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashes():
    """PBKDF2 takes a quarter of a second per user, most tests make several, and no test is
    about the hasher."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache(db):
    """Rate limits and cached pages must not leak between tests (Celery's keys are left alone)."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /uk/... leaves Ukrainian active in the test thread; start each test in
    English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def taxonomy(db):
    """The taxonomy comes from a data migration, but tests with ``transaction=True`` or
    ``live_server`` flush the tables afterwards; put it back for whoever runs next."""
    if not Sector.objects.exists():
        install_taxonomy(Sector, Topic, HelpKind)


@pytest.fixture
def municipality() -> Municipality:
    return MunicipalityFactory(
        name_en="Kamianets-Podilskyi",
        name_uk="Кам'янець-Подільський",
        slug="kamianets-podilskyi",
        country="UA",
        languages=["uk", "en"],
    )


@pytest.fixture
def other_municipality() -> Municipality:
    return MunicipalityFactory(name_en="Esslingen am Neckar", slug="esslingen", country="DE")


@pytest.fixture
def pending_municipality() -> Municipality:
    return MunicipalityFactory(
        name_en="Tauragė", slug="taurage", country="LT", status=Municipality.Status.PENDING
    )


@pytest.fixture
def manager(municipality):
    return MembershipFactory(
        municipality=municipality, role=Membership.Role.MANAGER, user__language="uk"
    ).user


@pytest.fixture
def official(municipality):
    return MembershipFactory(municipality=municipality, role=Membership.Role.OFFICIAL).user


@pytest.fixture
def outsider(other_municipality):
    """A manager, but of another municipality."""
    return MembershipFactory(municipality=other_municipality, role=Membership.Role.MANAGER).user


@pytest.fixture
def offering() -> Municipality:
    """The city on the other side of a match: it offers."""
    return MunicipalityFactory(name_en="Lublin", slug="lublin", country="PL", languages=["pl"])


@pytest.fixture
def giver(offering):
    """A manager of the offering city."""
    return MembershipFactory(
        municipality=offering, role=Membership.Role.MANAGER, user__language="pl"
    ).user


@pytest.fixture
def staff():
    return StaffFactory(email="admin@example.org")


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def manager_client(manager) -> Client:
    return _logged_in(manager)


@pytest.fixture
def official_client(official) -> Client:
    return _logged_in(official)


@pytest.fixture
def outsider_client(outsider) -> Client:
    return _logged_in(outsider)


@pytest.fixture
def staff_client(staff) -> Client:
    return _logged_in(staff)


@pytest.fixture
def giver_client(giver) -> Client:
    return _logged_in(giver)


@pytest.fixture
def need_fields() -> dict:
    """Fields of `need` beyond the usual; a module whose need differs only in them overrides
    this."""
    return {}


@pytest.fixture
def need(municipality, official, need_fields) -> Need:
    """A published need of the municipality, created by the official, who is its contact."""
    fields = {"title_en": "Hospital beds", **need_fields}
    return NeedFactory(municipality=municipality, contact=official, created_by=official, **fields)


@pytest.fixture
def page_queries(django_assert_max_num_queries) -> Callable[..., int]:
    """`page_queries(client, url, at_most=n)`: the number of queries a successful GET of the
    page makes (a streamed response read to the end); more than n fail the test, listing
    them. Counted on the second GET: the first in a process also fills per-process caches
    (taxonomy slugs, content types), so that a test run alone would count them and one run
    after others would not."""

    def count(client: Client, url: str, *, at_most: int) -> int:
        _read(client.get(url))
        with django_assert_max_num_queries(at_most) as captured:
            _read(client.get(url))
        return len(captured.captured_queries)

    return count


def _read(response) -> None:
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)


@pytest.fixture
def match(municipality, offering, official, giver) -> Match:
    """The official's need and the giver's offer, suggested; modules whose tests read the
    postings' texts or emails override it."""
    return MatchFactory(
        need__municipality=municipality,
        need__contact=official,
        offer__municipality=offering,
        offer__contact=giver,
    )


@pytest.fixture
def new_user():
    return UserFactory()


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    """Tasks run in the test's process when enqueued; tests/core/test_celery_worker.py runs a
    real worker against Redis instead."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
