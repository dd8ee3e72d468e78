"""The history of a posting: who did what, when, and what changed."""

from django.contrib.contenttypes.models import ContentType

from accounts.models import User
from postings.models import Posting, PostingChange


def record(
    posting: Posting,
    action: str,
    user: User | None = None,
    changes: dict | None = None,
    note: str = "",
) -> PostingChange:
    return PostingChange.objects.create(
        content_type=ContentType.objects.get_for_model(posting),
        object_id=posting.pk,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        changes=changes or {},
        note=note,
    )


def _plain(value) -> str | None:
    return None if value is None else str(value)


def diff(before: dict, after: dict) -> dict[str, list[str | None]]:
    """{field: [old, new]} for every field whose value changed."""
    return {
        field: [_plain(before.get(field)), _plain(value)]
        for field, value in after.items()
        if before.get(field) != value
    }
