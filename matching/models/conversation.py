import uuid

from django.conf import settings
from django.contrib.postgres.functions import RandomUUID
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from matching.models.match import Match


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
    # When the worker finished translating it: the service translated it, refused it, or did
    # not recognise its language. Until then (a service that was down) the sweep tries again.
    translated_at = models.DateTimeField(_("translated at"), null=True, blank=True)
    # When the other side's officials were emailed: once it is translated for them, or at the
    # latest a few minutes after it was sent (matching.message_delivery).
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


class ConversationRead(models.Model):
    """How far one official has read a conversation: messages after `read_at` are unread."""

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="reads",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    read_at = models.DateTimeField(_("read up to"))

    class Meta:
        verbose_name = _("read mark")
        verbose_name_plural = _("read marks")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="conversation_read_one_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.conversation_id} up to {self.read_at}"
