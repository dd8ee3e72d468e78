"""A small sync client for the Cities4Cities API, standard library only.

It keeps a local SQLite copy of needs and offers in step with the platform, and pushes a need
by the municipality's own id. Read it as documentation of the sync contract (the API's
description, /api/v1/docs/, has the same contract in prose):

    python examples/sync_client.py --base-url http://localhost:8000 --token c4c_... \\
        --db sync.sqlite3 sync
    python examples/sync_client.py --base-url http://localhost:8000 --token c4c_... \\
        --db sync.sqlite3 push --municipality <uuid> --external-id REG-2024-17 --json need.json

need.json holds the need's fields as the API names them (see /api/v1/docs/), e.g.

    {"original_language": "uk", "title": {"uk": "Дизельні генератори для шкіл"},
     "description": {"uk": "Шість генераторів по 20 кВт для шкіл громади."},
     "sector": "energy", "help_kind": "goods", "quantity": "6", "unit": "генераторів",
     "needed_by": "2027-01-31"}

The token may also come from the environment (C4C_API_TOKEN), which keeps it out of the shell's
history. Without a token the client sees what anyone may see: public needs and offers.

The local copy is one table per collection (id TEXT PRIMARY KEY, data JSON) and a table of
cursors. Run `sync` as often as you like (every few minutes from cron): the first run copies
everything, later runs fetch only what changed. A run cut short (network, Ctrl-C) loses
nothing: every page is stored with its cursor, and the next run goes on from there.
"""

import argparse
import email.utils
import http.client
import json
import os
import re
import sqlite3
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message

COLLECTIONS = ("needs", "offers")
PAGE_SIZE = 200  # the most the server gives per page: fewer round trips
TIMEOUT = 30.0  # seconds per request
ATTEMPTS = 5  # tries of one request that the server asked us to retry (429, 409)
MAX_WAIT = 300.0  # never wait longer than this for one Retry-After
# Network errors after which we cannot know whether the server acted on our request.
NETWORK_ERRORS = (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError)


# --- HTTP ------------------------------------------------------------------------------------


class ApiError(Exception):
    """A 4xx or 5xx answer. Every 4xx is an RFC 9457 problem: `code` tells programs what went
    wrong (`cursor_expired`, `request_in_progress`, `invalid`, ...), `errors` names the fields
    of a 400."""

    def __init__(self, status: int, problem: dict, headers) -> None:
        self.status = status
        self.problem = problem
        self.headers = headers
        self.code = problem.get("code", "")
        super().__init__(f"{status} {self.code}: {problem.get('detail') or problem.get('title')}")


@dataclass
class Response:
    status: int
    headers: Message  # case-insensitive: headers.get("etag") finds "ETag"
    data: dict | None


def retry_after(headers, default: float = 1.0) -> float:
    """Seconds to wait, from a Retry-After header: a number of seconds or an HTTP date."""
    value = (headers.get("Retry-After") or "").strip()
    if not value:
        return default
    if value.isdigit():
        return min(float(value), MAX_WAIT)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return min(max((when - datetime.now(UTC)).total_seconds(), 0.0), MAX_WAIT)


class Api:
    """One server and one token. Every request waits and retries when the server answers 429
    (too many requests): the rate limit is per token and per IP address, and Retry-After says
    when the next request will be let through."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float = TIMEOUT,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if urllib.parse.urlsplit(base_url).scheme not in ("http", "https"):
            raise ValueError(f"Not an http(s) URL: {base_url}")
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.sleep = sleep  # tests pass their own, so that nobody waits for real

    def call(
        self,
        method: str,
        path: str,
        *,
        query: dict | None = None,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        url = self.base_url + path
        query = {name: value for name, value in (query or {}).items() if value is not None}
        if query:
            url += "?" + urllib.parse.urlencode(query)
        sent = {"Accept": "application/json", "User-Agent": "c4c-sync-client/1"}
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        if body is not None:
            sent["Content-Type"] = "application/json"
        sent.update(headers or {})
        for attempt in range(1, ATTEMPTS + 1):
            # The scheme is checked in __init__ (http or https only).
            request = urllib.request.Request(url, data=body, headers=sent, method=method)  # noqa: S310
            try:
                return self.send(request)
            except ApiError as error:
                if error.status != 429 or attempt == ATTEMPTS:
                    raise
                self.sleep(retry_after(error.headers))
        raise AssertionError("unreachable")

    def send(self, request: urllib.request.Request) -> Response:
        """One HTTP exchange; a 4xx or 5xx raises ApiError, a lost connection URLError or
        OSError."""
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                return Response(answer.status, answer.headers, _json(answer.read()))
        except urllib.error.HTTPError as error:  # an answer, not a network error
            with error:
                problem = _json(error.read()) or {}
            raise ApiError(error.code, problem, error.headers) from None


def _json(raw: bytes) -> dict | None:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return {"detail": raw[:200].decode(errors="replace")}


# --- The local copy --------------------------------------------------------------------------


class Mirror:
    """The local SQLite copy: a table per collection and the cursor of each. A page of changes
    and the cursor after it are written in one transaction, so that a crash between pages
    resumes exactly where it stopped: never a cursor ahead of the rows it stands for."""

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path)
        with self.db:
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS cursors (collection TEXT PRIMARY KEY, cursor TEXT)"
            )

    def close(self) -> None:
        self.db.close()

    def _table(self, collection: str) -> str:
        # A table name cannot be a query parameter: allow plain names only.
        if not re.fullmatch(r"[a-z_]+", collection):
            raise ValueError(f"Not a collection name: {collection!r}")
        self.db.execute(
            f"CREATE TABLE IF NOT EXISTS {collection} (id TEXT PRIMARY KEY, data JSON NOT NULL)"
        )
        return collection

    def cursor(self, collection: str) -> str | None:
        row = self.db.execute(
            "SELECT cursor FROM cursors WHERE collection = ?", [collection]
        ).fetchone()
        return row[0] if row else None

    def apply(self, collection: str, results: list[dict], cursor: str) -> tuple[int, int]:
        """Upsert the objects of a page, delete its tombstones, keep its cursor. Returns
        (upserted, deleted)."""
        table = self._table(collection)
        upserted = deleted = 0
        with self.db:  # one transaction
            for item in results:
                if item.get("deleted"):
                    # A tombstone: the object left our sight (withdrawn, expired, hidden, ...).
                    # It carries no data; one we never held is simply not there to delete.
                    self.db.execute(f"DELETE FROM {table} WHERE id = ?", [item["id"]])  # noqa: S608
                    deleted += 1
                else:
                    # An object comes whole, as it is now, and may come more than once (changed
                    # during our full sync): an upsert by id makes a repeat harmless.
                    self.db.execute(
                        f"INSERT INTO {table} (id, data) VALUES (?, ?) "  # noqa: S608
                        "ON CONFLICT (id) DO UPDATE SET data = excluded.data",
                        [item["id"], json.dumps(item, ensure_ascii=False)],
                    )
                    upserted += 1
            self.db.execute(
                "INSERT INTO cursors (collection, cursor) VALUES (?, ?) "
                "ON CONFLICT (collection) DO UPDATE SET cursor = excluded.cursor",
                [collection, cursor],
            )
        return upserted, deleted

    def forget(self, collection: str) -> None:
        """Throw the copy of a collection away, rows and cursor together: the next sync of it
        is a full one. (A client that must keep serving its copy meanwhile could mark the rows
        stale instead and delete those the full sync does not bring back.)"""
        table = self._table(collection)
        with self.db:
            self.db.execute(f"DELETE FROM {table}")  # noqa: S608
            self.db.execute("DELETE FROM cursors WHERE collection = ?", [collection])

    def objects(self, collection: str) -> dict[str, dict]:
        table = self._table(collection)
        rows = self.db.execute(f"SELECT id, data FROM {table}")  # noqa: S608
        return {id_: json.loads(data) for id_, data in rows}


# --- Sync ------------------------------------------------------------------------------------


@dataclass
class SyncResult:
    collection: str
    full: bool = False  # started without a cursor (first run, or after a 410)
    restarted: bool = False  # the server said our cursor was too old (410 cursor_expired)
    pages: int = 0
    upserted: int = 0
    deleted: int = 0
    upserted_ids: list[str] = field(default_factory=list)
    deleted_ids: list[str] = field(default_factory=list)


def sync_collection(
    api: Api, mirror: Mirror, collection: str, page_size: int = PAGE_SIZE
) -> SyncResult:
    """Bring one collection up to date.

    Without a stored cursor this is a full sync: the first page of everything we may see, then
    `?since=<cursor>` while `more` is true. The last page's cursor continues with the changes
    made since the full sync began, so nothing changed meanwhile is lost. With a stored cursor
    it is an incremental sync: the same loop, from that cursor. The cursor is opaque (signed
    by the server): store it as it is, never build or edit one.
    """
    result = SyncResult(collection)
    cursor = mirror.cursor(collection)
    if cursor is None:
        # A full sync fills an empty copy: whatever is there without a cursor is of unknown
        # age, and nothing would ever delete it.
        mirror.forget(collection)
        result.full = True
    while True:
        try:
            page = api.call(
                "GET", f"/api/v1/{collection}/", query={"since": cursor, "page_size": page_size}
            ).data
        except ApiError as error:
            if error.status != 410 or error.code != "cursor_expired" or result.restarted:
                raise
            # Our cursor is older than the changes the server keeps (90 days): tombstones we
            # never saw are gone, so our copy may hold objects that no longer exist. Throw it
            # away and sync in full again (once: a fresh full sync cannot expire).
            mirror.forget(collection)
            cursor = None
            result.full = result.restarted = True
            continue
        upserted, deleted = mirror.apply(collection, page["results"], page["cursor"])
        result.pages += 1
        result.upserted += upserted
        result.deleted += deleted
        for item in page["results"]:
            (result.deleted_ids if item.get("deleted") else result.upserted_ids).append(item["id"])
        cursor = page["cursor"]
        # An empty page costs the server one indexed read; `more` false means we are up to date
        # (the cursor of an empty page is the one we sent).
        if not page["more"]:
            return result


def sync(
    api: Api, mirror: Mirror, collections=COLLECTIONS, page_size: int = PAGE_SIZE
) -> list[SyncResult]:
    return [sync_collection(api, mirror, name, page_size) for name in collections]


# --- Push ------------------------------------------------------------------------------------


@dataclass
class PushResult:
    status: int  # 201 created, 200 updated
    need: dict
    replayed: bool  # the server answered a retry with its first answer (Idempotent-Replayed)
    attempts: int
    idempotency_key: str


def push_need(
    api: Api,
    municipality: str,
    external_id: str,
    fields: dict,
    *,
    attempts: int = ATTEMPTS,
    idempotency_key: str | None = None,
) -> PushResult:
    """Create or update the need the municipality knows as `external_id` (its own id, e.g. in
    its register). PUT by external id is an upsert: the first push creates the need, later ones
    update it, so the client never has to remember our id.

    A network error leaves us not knowing whether the server acted. So the push carries an
    Idempotency-Key, made once per push and sent again with every retry of it: a retry of a
    request the server already handled gets the first answer back, and nothing is done twice.
    A new push (other fields) takes a new key: the same key with another body answers 422.
    """
    key = idempotency_key or str(uuid.uuid4())
    path = "/api/v1/needs/by-external-id/{}/{}/".format(
        urllib.parse.quote(municipality, safe=""), urllib.parse.quote(external_id, safe="")
    )
    # Encoded once: a retry must send the very same bytes with the same key.
    body = json.dumps(fields, ensure_ascii=False).encode()
    for attempt in range(1, attempts + 1):
        try:
            answer = api.call("PUT", path, body=body, headers={"Idempotency-Key": key})
        except ApiError as error:
            if attempt < attempts and error.status == 409 and error.code == "request_in_progress":
                # Our earlier try is still running on the server: ask again shortly.
                api.sleep(retry_after(error.headers))
                continue
            if attempt < attempts and error.status in (502, 503, 504):
                # The server kept nothing of a failed request: retrying with the key is safe.
                api.sleep(min(2**attempt, MAX_WAIT))
                continue
            raise
        except NETWORK_ERRORS:
            if attempt == attempts:
                raise
            # Did the server act? We cannot know; the same key makes the retry safe either way.
            api.sleep(min(2**attempt, MAX_WAIT))
            continue
        replayed = answer.headers.get("Idempotent-Replayed") == "true"
        return PushResult(answer.status, answer.data or {}, replayed, attempt, key)
    raise AssertionError("unreachable")


# --- Command line ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="e.g. http://localhost:8000")
    parser.add_argument(
        "--token",
        default=os.environ.get("C4C_API_TOKEN"),
        help="API token (c4c_...); default $C4C_API_TOKEN; none: public data only",
    )
    parser.add_argument("--db", default="sync.sqlite3", help="the local SQLite copy")
    commands = parser.add_subparsers(dest="command", required=True)
    sync_parser = commands.add_parser("sync", help="bring the local copy up to date")
    sync_parser.add_argument(
        "--collection",
        action="append",
        help=f"a collection to mirror (repeatable; default: {', '.join(COLLECTIONS)})",
    )
    sync_parser.add_argument("--page-size", type=int, default=PAGE_SIZE, help="1 to 200")
    push_parser = commands.add_parser("push", help="create or update a need by your own id")
    push_parser.add_argument("--municipality", required=True, help="the municipality's uuid")
    push_parser.add_argument("--external-id", required=True, help="your id of the need")
    push_parser.add_argument("--json", required=True, help="a file with the need's fields")
    args = parser.parse_args(argv)

    api = Api(args.base_url, args.token)
    try:
        if args.command == "sync":
            mirror = Mirror(args.db)
            try:
                for done in sync(api, mirror, args.collection or COLLECTIONS, args.page_size):
                    kind = "full" if done.full else "incremental"
                    restarted = " (cursor expired: resynced)" if done.restarted else ""
                    print(
                        f"{done.collection}: {kind} sync{restarted}, {done.pages} page(s), "
                        f"{done.upserted} upserted, {done.deleted} deleted"
                    )
            finally:
                mirror.close()
        else:
            with open(args.json, encoding="utf-8") as source:
                fields = json.load(source)
            pushed = push_need(api, args.municipality, args.external_id, fields)
            verb = {201: "created", 200: "updated"}.get(pushed.status, str(pushed.status))
            replayed = " (replayed)" if pushed.replayed else ""
            print(f"{verb}{replayed}: need {pushed.need.get('id')}")
    except ApiError as error:
        print(f"error: {error}", file=sys.stderr)
        for name, messages in (error.problem.get("errors") or {}).items():
            print(f"  {name}: {messages}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
