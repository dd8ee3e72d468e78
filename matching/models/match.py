import uuid

from django.contrib.postgres.functions import RandomUUID
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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

    Side = Side

    ACTIVE_STATUSES = (Status.SUGGESTED, Status.CONTACTED, Status.AGREED)

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
    agreed_quantity = models.DecimalField(
        _("agreed quantity"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    delivered_quantity = models.DecimalField(
        _("delivered quantity"), max_digits=12, decimal_places=2, null=True, blank=True
    )
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
        ]
        indexes = [
            models.Index(fields=["need", "-score"], name="match_need_score_idx"),
            models.Index(fields=["offer", "-score"], name="match_offer_score_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.need} ↔ {self.offer} ({self.score:.2f})"
