"""The change feed that every mirrored collection serves, written once.

    GET /api/v1/needs/                first page of a full sync (everything the caller may see)
    GET /api/v1/needs/?since=CURSOR   the next page: of the full sync, then of the changes

Every page is `{"results": [...], "cursor": "...", "more": true|false}`; a client stores the
cursor and asks again, immediately while `more`, later otherwise. A changed object comes as it
is now; one that left the caller's sight comes as a tombstone `{"id", "deleted": true,
"reason"}`. Changes come oldest first.

Why no change is ever skipped (core.models.changes): changes are numbered when a feed is read,
under a lock, in the order they became visible; a cursor is such a number (signed, so that it
is opaque), and a transaction still running when the cursor was handed out gets a higher
number once it commits. A full sync remembers the number reached when it began and hands the
client that watermark when it ends: what changed meanwhile comes again as a change (clients
upsert, so a repeat is harmless). Changes older than the retention window are purged; a
cursor from before the purge answers 410 with code `cursor_expired`: sync in full again.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import connection, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from core.api.errors import Problem
from core.models import Change, ChangeHorizon

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
STAMP_BATCH = 50_000
STAMP_LOCK = 0xC4C_FEED  # an advisory lock key of our own
_SALT = "core.api.feed"


class Reason:
    """Why an object left the caller's sight (a tombstone's `reason`)."""

    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    FULFILLED = "fulfilled"
    HIDDEN = "hidden"
    ACCESS_LOST = "access_lost"
    DELETED = "deleted"
    ALL = (WITHDRAWN, EXPIRED, FULFILLED, HIDDEN, ACCESS_LOST, DELETED)


def retention() -> timedelta:
    return timedelta(days=settings.API_CHANGES_RETENTION_DAYS)


# Numbers the changes that became visible since the last call (see stamp), returning them.
STAMP = (
    "WITH lock AS (SELECT pg_try_advisory_xact_lock(%(lock)s) AS got), "
    "stamped AS (UPDATE core_change AS change SET seq = numbered.seq FROM ("
    "  SELECT pending.id, nextval('core_change_seq') AS seq FROM lock, ("
    "    SELECT id FROM core_change WHERE seq IS NULL ORDER BY id LIMIT %(batch)s"
    "  ) AS pending WHERE lock.got"
    ") AS numbered WHERE change.id = numbered.id AND change.seq IS NULL RETURNING change.seq) "
)
STAMP_PARAMETERS = {"lock": STAMP_LOCK, "batch": STAMP_BATCH}


def stamp() -> None:
    """Number the changes that became visible since the last call, in that order, in one
    statement. One stamper at a time (a transaction-level advisory lock, released when the
    statement's transaction ends): a reader that finds another at work reads what is numbered
    already. `seq IS NULL` is checked again on the row itself, so a row another stamper
    numbered meanwhile keeps its number."""
    _one_number(STAMP + "SELECT count(*) FROM stamped", STAMP_PARAMETERS)  # noqa: S608 (constants)


def purge_old_changes() -> int:
    """Forget changes older than the retention window; cursors from before then answer 410."""
    with transaction.atomic():
        old = Change.objects.filter(created_at__lt=timezone.now() - retention(), seq__isnull=False)
        through = old.aggregate(last=Max("seq"))["last"]
        if through is None:
            return 0
        deleted, _by_model = Change.objects.filter(seq__lte=through).delete()
        ChangeHorizon.objects.update_or_create(pk=1, defaults={"purged_through": through})
    return deleted


def _one_number(sql: str, parameters: dict | None = None) -> int:
    with connection.cursor() as db:
        db.execute(sql, parameters)
        return db.fetchone()[0]


def _horizon() -> int:
    """The last number purged: cursors below it answer 410."""
    return _one_number("SELECT coalesce(max(purged_through), 0) FROM core_changehorizon")


def _stamp_and_latest() -> int:
    """stamp(), then where a full sync begins: the last number handed out, never below the
    purge horizon (with every change purged, a full sync must not end below it, or it would be
    sent back to a full sync for ever). One statement, so one round trip: its reads do not see
    its own numbering, so the numbers it handed out come from `stamped`."""
    return _one_number(
        STAMP  # noqa: S608 (constants only)
        + "SELECT greatest((SELECT coalesce(max(seq), 0) FROM stamped),"
        " (SELECT coalesce(max(seq), 0) FROM core_change),"
        " (SELECT coalesce(max(purged_through), 0) FROM core_changehorizon))",
        STAMP_PARAMETERS,
    )


def _check_horizon(cursor: "Cursor", horizon: int) -> None:
    if cursor.seq < horizon:
        raise Problem(
            410,
            "cursor_expired",
            _("This cursor is older than the changes we keep: sync in full again."),
        )


CHANGES_AFTER = """
    SELECT horizon.purged_through, change.seq, change.object_id, change.object_uuid,
           change.audience_id, change.deleted
    FROM (SELECT coalesce(max(purged_through), 0) AS purged_through FROM core_changehorizon)
        AS horizon
    LEFT JOIN LATERAL (
        SELECT seq, object_id, object_uuid, audience_id, deleted FROM core_change
        WHERE collection = %(collection)s AND seq > %(seq)s
          AND (audience_id IS NULL OR audience_id = %(user)s)
        ORDER BY seq LIMIT %(size)s
    ) AS change ON true
"""


def _changes_after(cursor: "Cursor", user_id: int | None, size: int) -> tuple[int, list[dict]]:
    """The purge horizon and the page of changes after the cursor, in one indexed query (the
    horizon comes along even when nothing changed)."""
    with connection.cursor() as db:
        db.execute(
            CHANGES_AFTER,
            {"collection": cursor.collection, "seq": cursor.seq, "user": user_id, "size": size},
        )
        found = db.fetchall()
    names = ("seq", "object_id", "object_uuid", "audience_id", "deleted")
    rows = [dict(zip(names, row[1:], strict=True)) for row in found if row[1] is not None]
    return found[0][0], rows


@dataclass(frozen=True)
class Cursor:
    """Where a client is: in a full sync (after object `after`, started at `seq`) or in the
    changes (everything up to `seq` delivered)."""

    collection: str
    seq: int
    after: int | None = None  # a full sync's last object (primary key, never shown)

    def dumps(self) -> str:
        """Signed without a time: the same position is always the same text, so a client
        that was told nothing changed gets its own cursor back (age is the purge horizon's
        business, not the cursor's)."""
        return _signer().sign_object([self.collection, self.seq, self.after], compress=True)

    @classmethod
    def loads(cls, text: str, collection: str) -> "Cursor":
        try:
            name, seq, after = _unsign(text)
            if name != collection or not isinstance(seq, int):
                raise ValueError(name)
        except (signing.BadSignature, ValueError, TypeError):
            raise ValidationError(
                {"since": [_("This cursor is not one this collection handed out.")]}
            ) from None
        return cls(collection, seq, after)


def _unsign(text: str) -> list:
    # value:time:signature, as cursors were signed before 28 Nov 2026; such a cursor outlives
    # the change log's retention (API_CHANGES_RETENTION_DAYS) only as a 410: drop this branch
    # after March 2027.
    if text.count(":") == 2:
        return signing.loads(text, salt=_SALT)
    return _signer().unsign_object(text)


def _signer() -> signing.Signer:
    """Made per use, so that it reads the secret keys as they are (as signing.loads does)."""
    return signing.Signer(salt=_SALT)


def page_size(value: str | None) -> int:
    if value is None:
        return PAGE_SIZE
    if not value.isdigit() or int(value) < 1:
        raise ValidationError({"page_size": [_("A whole number from 1 to 200.")]})
    return min(int(value), MAX_PAGE_SIZE)


@dataclass
class Page:
    items: list  # objects, or tombstones as dicts
    cursor: Cursor
    more: bool


def tombstone(uuid, reason: str) -> dict:
    return {"id": str(uuid), "deleted": True, "reason": reason}


class Feed:
    """One collection's feed for one caller. `visible` is what the caller may see (the
    viewset's scoped queryset), `unscoped` every object; `reason(obj)` says why an object that
    changed is out of sight, or None where the caller never saw it (another city's draft),
    which is then left out."""

    def __init__(
        self, collection: str, visible: QuerySet, unscoped: QuerySet, user, reason
    ) -> None:
        self.collection = collection
        self.visible = visible
        self.unscoped = unscoped
        self.user = user
        self.reason = reason

    def page(self, since: str | None, size: int) -> Page:
        if since is None:
            return self._full(Cursor(self.collection, _stamp_and_latest()), size)
        cursor = Cursor.loads(since, self.collection)
        if cursor.after is not None:  # a full sync goes on at the number it started from
            _check_horizon(cursor, _horizon())
            return self._full(cursor, size)
        stamp()
        return self._changes(cursor, size)

    def _full(self, cursor: Cursor, size: int) -> Page:
        objects = self.visible.order_by("pk")
        if cursor.after:
            objects = objects.filter(pk__gt=cursor.after)
        found = list(objects[: size + 1])
        more = len(found) > size
        found = found[:size]
        if more:
            return Page(found, Cursor(self.collection, cursor.seq, found[-1].pk), True)
        # Done: continue from the changes since the full sync began.
        return Page(found, Cursor(self.collection, cursor.seq), False)

    def _changes(self, cursor: Cursor, size: int) -> Page:
        horizon, rows = _changes_after(
            cursor, self.user.pk if self.user.is_authenticated else None, size
        )
        _check_horizon(cursor, horizon)
        if not rows:
            return Page([], cursor, False)
        latest: dict[int, dict] = {}  # each object once, as it is now, after its last change
        for row in rows:
            before = latest.pop(row["object_id"], {})
            row["deleted"] = row["deleted"] or before.get("deleted", False)
            row["audience_id"] = row["audience_id"] or before.get("audience_id")
            latest[row["object_id"]] = row
        visible = self.visible.in_bulk(latest.keys())
        hidden_ids = [pk for pk in latest if pk not in visible]
        others = self.unscoped.in_bulk(hidden_ids) if hidden_ids else {}
        items = []
        for row in latest.values():
            item = self._item(row, visible, others)
            if item is not None:
                items.append(item)
        return Page(items, Cursor(self.collection, rows[-1]["seq"]), len(rows) == size)

    def _item(self, row: dict, visible: dict, others: dict):
        pk = row["object_id"]
        if pk in visible:
            return visible[pk]
        if row["deleted"] or pk not in others:
            return tombstone(row["object_uuid"], Reason.DELETED)
        if row["audience_id"] is not None:
            return tombstone(row["object_uuid"], Reason.ACCESS_LOST)
        reason = self.reason(others[pk])
        return None if reason is None else tombstone(row["object_uuid"], reason)
