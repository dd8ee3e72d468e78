from django.db import models


class IdempotencyKey(models.Model):
    """A client's Idempotency-Key on a write: the first response is kept for a day and
    replayed for a retry with the same key and body (core.api.idempotency)."""

    class State(models.TextChoices):
        RUNNING = "running"
        DONE = "done"

    # Whose key: an API token's digest, or "session:<user id>" for the browser.
    scope = models.CharField(max_length=160)
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    state = models.CharField(max_length=8, choices=State, default=State.RUNNING)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)
    response_headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotency_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.scope}: {self.key}"
