import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.functions import RandomUUID
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from matching.engine.weights import NOTIFY_THRESHOLD
from matching.sides import Side
from needs.models import Need
from offers.models import Offer


class Match(models.Model):
    """A need and an offer that fit, with a score and the reasons, in plain words, why."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        CONTACTED = "contacted", _("In contact")
        AGREED = "agreed", _("Agreed")
        DELIVERED = "delivered", _("Delivered")
        DISMISSED = "dismissed", _("Dismissed")
        CLOSED = "closed", _("Closed")

    class DismissalReason(models.TextChoices):
        """Why an official said no to a match (optional): counted for staff in the admin."""

        NOT_WHAT_WE_NEED = "not_what_we_need", _("Not what we need")
        TOO_SMALL = "too_small", _("Too small")
        TOO_FAR = "too_far", _("Too far")
        NO_LONGER_NEEDED = "no_longer_needed", _("No longer needed")
        OTHER = "other", _("Other")

    Side = Side

    ACTIVE_STATUSES = (Status.SUGGESTED, Status.CONTACTED, Status.AGREED)
    # How long the side that recorded a delivery or a "fully covered" answer may correct or
    # undo it.
    CORRECTABLE_FOR = timedelta(days=14)

    uuid = models.UUIDField(
        default=uuid.uuid4, db_default=RandomUUID(), unique=True, editable=False
    )
    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.PROTECT, related_name="matches"
    )
    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.PROTECT, related_name="matches"
    )
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.SUGGESTED)
    dismissed_by = models.CharField(_("dismissed by"), max_length=8, choices=Side, blank=True)
    dismissal_reason = models.CharField(
        _("dismissal reason"), max_length=24, choices=DismissalReason, blank=True
    )
    agreed_quantity = models.DecimalField(
        _("agreed quantity"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    delivered_quantity = models.DecimalField(
        _("delivered quantity"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # The agreement: one side proposes a quantity, the other accepts it. A proposal waits
    # while `proposed_by` names a side; while agreed, a new proposal asks to change the
    # agreed quantity, which holds until the other side accepts.
    proposed_by = models.CharField(_("proposed by"), max_length=8, choices=Side, blank=True)
    proposed_quantity = models.DecimalField(
        _("proposed quantity"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    # Counts every step of the agreement and the delivery: a form sent from a page that shows
    # an older state is recognised, and its sender sees what changed instead of overwriting it.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    # The city in need answered that the need is fully covered (and it was closed).
    fully_covered_at = models.DateTimeField(_("fully covered at"), null=True, blank=True)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True, db_index=True)
    contacted_at = models.DateTimeField(_("contacted at"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["need", "offer"], name="match_one_per_pair"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="match_score_between_0_and_1"
            ),
            models.CheckConstraint(
                condition=Q(agreed_quantity__isnull=True) | Q(agreed_quantity__gt=0),
                name="match_agreed_quantity_positive",
            ),
            models.CheckConstraint(
                condition=Q(delivered_quantity__isnull=True) | Q(delivered_quantity__gt=0),
                name="match_delivered_quantity_positive",
            ),
            models.CheckConstraint(
                condition=Q(proposed_quantity__isnull=True) | Q(proposed_quantity__gt=0),
                name="match_proposed_quantity_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["need", "-score"], name="match_need_score_idx"),
            models.Index(fields=["offer", "-score"], name="match_offer_score_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.need} ↔ {self.offer} ({self.score:.2f})"

    @property
    def is_strong(self) -> bool:
        """Scored at the notification threshold or above: both cities are (or were) emailed."""
        return self.score >= NOTIFY_THRESHOLD

    @property
    def is_possible(self) -> bool:
        """Only a possible match: below the threshold and not taken up by either city yet
        (listed apart, quietly, and never announced)."""
        return not self.is_strong and self.status == self.Status.SUGGESTED

    @property
    def pending_side(self) -> Side | None:
        """The side whose proposal waits for the other side's answer."""
        return Side(self.proposed_by) if self.proposed_by else None


class MatchEvent(models.Model):
    """A step of a match's agreement and delivery, as it happened: the history both cities see."""

    class Action(models.TextChoices):
        PROPOSED = "proposed", _("proposed a quantity")
        WITHDRAWN = "withdrawn", _("withdrew the proposal")
        ACCEPTED = "accepted", _("accepted the agreement")
        DELIVERED = "delivered", _("confirmed the delivery")
        CORRECTED = "corrected", _("corrected the delivered quantity")
        UNDONE = "undone", _("undid the delivery")
        FULLY_COVERED = "covered", _("answered that the need is fully covered")
        UNCOVERED = "uncovered", _("undid the answer that the need is fully covered")

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action)
    side = models.CharField(_("side"), max_length=8, choices=Side)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    previous_quantity = models.DecimalField(
        _("previous quantity"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    more_than_asked = models.BooleanField(_("more than asked"), default=False)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("step of a match")
        verbose_name_plural = _("history of matches")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["match", "created_at"], name="match_event_history_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"
