"""ETags of single objects: `If-None-Match` on a read answers 304, `If-Match` on a write
answers 412 when the object changed since the client read it, so no update is lost.

The ETag is a hash of the representation the caller gets, so it changes exactly when what the
caller sees changes. A write with If-Match checks it on the row locked for the write, in the
write's transaction: of two concurrent writes with the same ETag exactly one wins.
"""

import hashlib
import json

from django.utils.translation import gettext as _
from rest_framework.request import Request

from core.api.errors import Problem


def etag_of(data) -> str:
    body = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return f'"{hashlib.sha256(body.encode()).hexdigest()[:32]}"'


def _tags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def not_modified(request: Request, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    return bool(header) and (header.strip() == "*" or etag in _tags(header))


def check_if_match(request: Request, current_etag: str) -> None:
    """Raise 412 unless the client's If-Match (if any) names the current representation."""
    header = request.headers.get("If-Match", "")
    if not header or header.strip() == "*":
        return
    if current_etag not in _tags(header):
        raise Problem(
            412,
            "precondition_failed",
            _("The object has changed since you read it: read it again and retry."),
            ETag=current_etag,
        )
