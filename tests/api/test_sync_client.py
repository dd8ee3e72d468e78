"""The example sync client (examples/sync_client.py) against a live server, with a real token:
a full sync copies what the official may see; an incremental sync brings exactly what changed
(through the services) since; an expired cursor makes it start over; a push by external id
creates the need once however often it is retried, and updates it when pushed again; a 429
makes it wait and retry."""

import importlib.util
import json
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.services import api_token_create
from core.api.feed import Cursor, purge_old_changes, stamp
from core.api.throttling import TokenRateThrottle
from core.models import Change, ChangeHorizon
from needs.models import Need
from postings.models import HelpKind, Posting, Sector
from postings.services import lifecycle, moderation
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _load_client():
    """examples/ is a folder of scripts, not a package: load the script as a module."""
    path = Path(settings.BASE_DIR) / "examples" / "sync_client.py"
    spec = importlib.util.spec_from_file_location("sync_client", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


sync_client = _load_client()


@pytest.fixture
def token(official) -> str:
    _details, text = api_token_create(user=official, name="city register sync", lifetime=None)
    return text


@pytest.fixture
def waits() -> list[float]:
    """The seconds the client would have slept: nobody waits for real."""
    return []


@pytest.fixture
def api(live_server, token, waits):
    return sync_client.Api(live_server.url, token, sleep=waits.append)


@pytest.fixture
def mirror(tmp_path):
    mirror = sync_client.Mirror(str(tmp_path / "sync.sqlite3"))
    yield mirror
    mirror.close()


@pytest.fixture
def needs(municipality, other_municipality, official, outsider) -> dict[str, Need]:
    return {
        "ours": NeedFactory(municipality=municipality, contact=official, title_en="Beds"),
        "our draft": NeedFactory(
            municipality=municipality, status=Posting.Status.DRAFT, published_at=None
        ),
        "theirs": NeedFactory(municipality=other_municipality, contact=outsider),
        "their second": NeedFactory(municipality=other_municipality, contact=outsider),
        "their draft": NeedFactory(
            municipality=other_municipality, status=Posting.Status.DRAFT, published_at=None
        ),
        "their hidden": NeedFactory(municipality=other_municipality, hidden_at=timezone.now()),
    }


SEEN = ("ours", "our draft", "theirs", "their second")  # by an official of `municipality`


def _ids(needs: dict[str, Need], *names: str) -> set[str]:
    return {str(needs[name].uuid) for name in names}


def _need_fields(**overrides) -> dict:
    """A need as a municipality's system pushes it (the API's field names)."""
    return {
        "original_language": "en",
        "title": {"en": "Diesel generators for schools"},
        "description": {"en": "Six 20 kW generators for the schools of the district."},
        "sector": "energy",
        "help_kind": "goods",
        "quantity": "6",
        "unit": "generators",
        "needed_by": (timezone.localdate() + timedelta(days=60)).isoformat(),
        **overrides,
    }


def test_a_full_sync_copies_every_need_and_offer_the_official_may_see(
    api, mirror, needs, other_municipality
):
    offer = OfferFactory(municipality=other_municipality)

    needs_done, offers_done = sync_client.sync(api, mirror, page_size=2)

    assert set(mirror.objects("needs")) == _ids(needs, *SEEN)
    assert needs_done.full
    assert needs_done.pages == 2  # of 2 each: `more` sent it back for the second
    assert mirror.objects("needs")[str(needs["ours"].uuid)]["title"]["en"] == "Beds"
    assert set(mirror.objects("offers")) == {str(offer.uuid)}
    assert offers_done.full


def test_an_incremental_sync_brings_exactly_the_needs_changed_since(
    api, mirror, needs, municipality, official, outsider
):
    sync_client.sync_collection(api, mirror, "needs")
    new = lifecycle.posting_create(
        user=official,
        model=Need,
        municipality=municipality,
        publish=True,
        original_language="en",
        title_en="Water pumps",
        description_en="Two pumps for the water works.",
        sector=Sector.objects.get(slug="health"),
        help_kind=HelpKind.objects.get(slug="goods"),
    )
    lifecycle.posting_update(user=official, posting=needs["ours"], title_en="Beds, 30 of them")
    lifecycle.posting_withdraw(user=outsider, posting=needs["theirs"])
    lifecycle.posting_withdraw(user=official, posting=needs["our draft"])

    done = sync_client.sync_collection(api, mirror, "needs")

    assert not done.full
    # Our own withdrawn need stays in our sight (a member sees every need of their city):
    # it comes whole, with its new status; another city's leaves our sight: a tombstone.
    assert sorted(done.upserted_ids) == sorted([str(new.uuid), *_ids(needs, "ours", "our draft")])
    assert done.deleted_ids == [str(needs["theirs"].uuid)]
    copy = mirror.objects("needs")
    assert set(copy) == {str(new.uuid), *_ids(needs, "ours", "our draft", "their second")}
    assert copy[str(needs["ours"].uuid)]["title"]["en"] == "Beds, 30 of them"
    assert copy[str(needs["our draft"].uuid)]["status"] == "withdrawn"


def test_nothing_changed_is_one_empty_page_with_the_same_cursor(api, mirror, needs):
    sync_client.sync_collection(api, mirror, "needs")
    cursor = mirror.cursor("needs")

    done = sync_client.sync_collection(api, mirror, "needs")

    assert (done.pages, done.upserted, done.deleted, done.full) == (1, 0, 0, False)
    assert mirror.cursor("needs") == cursor


def _purge_everything_older_than_the_retention_window() -> None:
    """What the nightly purge does 90 days on: the changes are forgotten, tombstones too."""
    stamp()  # another client's read numbered the changes
    Change.objects.update(created_at=timezone.now() - timedelta(days=91))
    purge_old_changes()


@pytest.fixture
def expired(api, mirror, needs, outsider):
    """The client synced once, then stayed away: a need it holds was withdrawn meanwhile, and
    the tombstone saying so has been purged since."""
    sync_client.sync_collection(api, mirror, "needs")
    lifecycle.posting_withdraw(user=outsider, posting=needs["theirs"])
    _purge_everything_older_than_the_retention_window()
    seq = Cursor.loads(mirror.cursor("needs"), "needs").seq
    assert ChangeHorizon.objects.get().purged_through > seq  # the client's cursor is too old


def test_an_expired_cursor_makes_the_client_throw_its_copy_away_and_sync_in_full(
    api, mirror, needs, expired
):
    done = sync_client.sync_collection(api, mirror, "needs")

    assert done.restarted
    assert done.full
    # The withdrawn need, whose tombstone it never saw, is gone from the copy all the same.
    assert set(mirror.objects("needs")) == _ids(needs, "ours", "our draft", "their second")


def test_after_starting_over_the_next_sync_is_incremental_again(api, mirror, needs, expired):
    sync_client.sync_collection(api, mirror, "needs")

    done = sync_client.sync_collection(api, mirror, "needs")

    assert not done.restarted
    assert not done.full


class LosesTheFirstAnswer(sync_client.Api):
    """The server handles the first request, but its answer never reaches the client (a
    dropped connection), as happens behind a flaky proxy."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.keys: list[str] = []

    def send(self, request):
        self.keys.append(request.get_header("Idempotency-key"))
        response = super().send(request)
        if len(self.keys) == 1:
            raise ConnectionResetError("the answer was lost on the way")
        return response


def test_a_push_retried_after_a_lost_answer_creates_the_need_once(
    live_server, token, waits, municipality
):
    api = LosesTheFirstAnswer(live_server.url, token, sleep=waits.append)

    pushed = sync_client.push_need(api, str(municipality.uuid), "REG-17", _need_fields())

    assert (pushed.status, pushed.replayed, pushed.attempts) == (201, True, 2)
    assert api.keys == [pushed.idempotency_key] * 2  # the retry sent the same key
    assert len(waits) == 1
    created = Need.objects.get(municipality=municipality, external_id="REG-17")
    assert pushed.need["id"] == str(created.uuid)


def test_a_push_sent_twice_with_the_same_key_creates_one_need(api, municipality):
    fields = _need_fields()

    first = sync_client.push_need(api, str(municipality.uuid), "REG-17", fields)
    again = sync_client.push_need(
        api, str(municipality.uuid), "REG-17", fields, idempotency_key=first.idempotency_key
    )

    assert (first.status, first.replayed) == (201, False)
    assert (again.status, again.replayed) == (201, True)
    assert again.need["id"] == first.need["id"]
    assert Need.objects.filter(municipality=municipality, external_id="REG-17").count() == 1


def test_a_second_push_with_changed_fields_updates_the_need(api, mirror, municipality):
    first = sync_client.push_need(api, str(municipality.uuid), "REG-17", _need_fields())
    sync_client.sync_collection(api, mirror, "needs")

    second = sync_client.push_need(
        api, str(municipality.uuid), "REG-17", _need_fields(quantity="8")
    )

    assert second.idempotency_key != first.idempotency_key
    assert (second.status, second.replayed) == (200, False)
    assert second.need["id"] == first.need["id"]
    need = Need.objects.get(municipality=municipality, external_id="REG-17")
    assert need.quantity == 8
    done = sync_client.sync_collection(api, mirror, "needs")
    assert done.upserted_ids == [first.need["id"]]
    assert float(mirror.objects("needs")[first.need["id"]]["quantity"]) == 8


def test_a_push_of_an_invalid_need_raises_with_the_field_named(api, municipality):
    with pytest.raises(sync_client.ApiError) as raised:
        sync_client.push_need(
            api, str(municipality.uuid), "REG-17", _need_fields(sector="no-such-sector")
        )

    assert raised.value.status == 400
    assert "sector" in raised.value.problem["errors"]


def test_a_rate_limited_client_waits_as_long_as_retry_after_says_and_goes_on(
    api, mirror, needs, waits, monkeypatch
):
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "1/minute"})

    def wait(seconds: float) -> None:
        waits.append(seconds)
        monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "100/minute"})

    api.sleep = wait

    sync_client.sync_collection(api, mirror, "needs", page_size=2)

    assert len(waits) == 1
    assert 50 < waits[0] <= 60  # the server's Retry-After, not a guess of the client's
    assert set(mirror.objects("needs")) == _ids(needs, *SEEN)


def test_the_command_line_syncs_and_pushes(live_server, token, municipality, tmp_path, capsys):
    need_file = tmp_path / "need.json"
    need_file.write_text(json.dumps(_need_fields()))
    common = ["--base-url", live_server.url, "--token", token, "--db", str(tmp_path / "c.db")]

    push = ["push", "--municipality", str(municipality.uuid), "--external-id", "REG-17"]

    pushed = sync_client.main([*common, *push, "--json", str(need_file)])
    synced = sync_client.main([*common, "sync"])

    assert (pushed, synced) == (0, 0)
    out = capsys.readouterr().out
    need = Need.objects.get(external_id="REG-17")
    assert f"created: need {need.uuid}" in out
    assert "needs: full sync, 1 page(s), 1 upserted, 0 deleted" in out
    assert "offers: full sync, 1 page(s), 0 upserted, 0 deleted" in out


def test_a_hidden_need_reaches_the_copy_as_a_deletion(api, mirror, needs, staff):
    sync_client.sync_collection(api, mirror, "needs")

    moderation.posting_hide(admin=staff, posting=needs["their second"], reason="Spam")
    done = sync_client.sync_collection(api, mirror, "needs")

    assert done.deleted_ids == [str(needs["their second"].uuid)]
    assert str(needs["their second"].uuid) not in mirror.objects("needs")
