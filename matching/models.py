import uuid

from django.conf import settings
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


class Conversation(models.Model):
    """The two municipalities talking about one match; opened by the first "Contact"."""

    match = models.OneToOneField(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="conversation"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return str(self.match)


class Message(models.Model):
    uuid = models.UUIDField(
        default=uuid.uuid4, db_default=RandomUUID(), unique=True, editable=False
    )
    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    # A message outlives its author's account: the thread must still read as it happened.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("message"), max_length=5000)
    # As the translation service recognised it; empty until then (or without one).
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    # When the other side's officials were emailed: once it is translated for them, or at the
    # latest a few minutes after it was sent (matching.message_translation).
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="message_body_not_empty"),
        ]
        indexes = [
            models.Index(fields=["conversation", "created_at"], name="message_thread_idx"),
            models.Index(
                fields=["created_at"],
                condition=Q(announced_at__isnull=True),
                name="message_unannounced_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class MessageTranslation(models.Model):
    """A message in the language of someone in the conversation, translated by machine."""

    message = models.ForeignKey(
        Message,
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("translation"), max_length=5000)
    created_at = models.DateTimeField(_("translated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("translation of a message")
        verbose_name_plural = _("translations of messages")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "language"], name="message_translation_one_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} [{self.language}]"


class Embedding(models.Model):
    """A posting's text as a multilingual sentence vector (multilingual-e5-small, 384 floats).

    Computed by the worker, never in a request; `source` says which text it was made from, so
    an unchanged posting is not embedded again."""

    vector = models.BinaryField()
    source = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"vector of {self.pk}"


class NeedEmbedding(Embedding):
    need = models.OneToOneField(
        Need, primary_key=True, on_delete=models.CASCADE, related_name="embedding"
    )


class OfferEmbedding(Embedding):
    offer = models.OneToOneField(
        Offer, primary_key=True, on_delete=models.CASCADE, related_name="embedding"
    )
