from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """One email to one person, rendered in their language, sent at most once.

    A task claims the row (queued → sending) before it talks to the mail server, so a retried
    or duplicated task finds it claimed and sends nothing. `key` makes "this email about this
    thing to this person" unique, so re-running whatever queued it adds nothing. A row left in
    `sending` by a worker that died mid-send may or may not have been delivered: it becomes
    `unknown`, never sent again on its own (core/outbox.py).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        UNKNOWN = "unknown", _("Delivery unknown")

    key = models.CharField(_("key"), max_length=200, unique=True, null=True, blank=True)
    to = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # When the sweep should hand a queued row to a task again: its task was lost, or a failed
    # attempt waits for its turn (backoff without long Celery countdowns).
    due_at = models.DateTimeField(_("due at"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["status", "updated_at"],
                condition=Q(status__in=["queued", "sending"]),
                name="outgoing_email_pending_idx",
            ),
            models.Index(
                fields=["due_at"], condition=Q(status="queued"), name="outgoing_email_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
