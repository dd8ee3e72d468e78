"""The change log that API clients' change feeds are read from (core.api.feed).

Rows are written by database triggers, which each app installs for its own tables in its
migrations (core.changelog gives them the SQL), so that bulk updates are logged as surely as
saves. A row is numbered (`seq`) only when a feed is read, by one reader at a time, in the order
rows became visible: a transaction that commits late gets a higher number than everything
already handed out, so no client cursor ever skips it.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Now


class Change(models.Model):
    collection = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    object_uuid = models.UUIDField()
    # Set when one person's access to the object changed (they joined or left its
    # municipality): only that person's feed carries the row, and it carries a tombstone when
    # the object is now out of their sight.
    audience_id = models.BigIntegerField(null=True, blank=True)
    deleted = models.BooleanField(db_default=False)
    seq = models.BigIntegerField(null=True, blank=True, unique=True)
    created_at = models.DateTimeField(db_default=Now())

    class Meta:
        indexes = [
            models.Index(fields=["collection", "seq"], name="change_feed_idx"),
            models.Index(fields=["id"], condition=Q(seq__isnull=True), name="change_unstamped_idx"),
            models.Index(fields=["created_at"], name="change_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.collection} {self.object_uuid} #{self.seq}"


class ChangeHorizon(models.Model):
    """One row: changes numbered up to `purged_through` have been purged after the retention
    window, so a cursor below it has missed tombstones and must sync in full again."""

    purged_through = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"purged through #{self.purged_through}"
