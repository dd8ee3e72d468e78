"""A posting's texts in the other languages, made by the worker's machine translation."""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from postings.models.search import search_document


class PostingTranslation(models.Model):
    """One text of a need or an offer (title, description, logistics, unit) in one language.

    Made by machine from the original (`source` is the original's digest, so a translation of
    an older text is not shown), or corrected by an official of the posting's municipality:
    then it is theirs (`machine` false), shown whatever the original says, and the worker
    never replaces it. What the author wrote in a language (title_de...) comes before both."""

    class Field(models.TextChoices):
        TITLE = "title", _("title")
        DESCRIPTION = "description", _("description")
        LOGISTICS = "logistics", _("delivery and logistics")
        UNIT = "unit", _("unit")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    posting = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("text"), max_length=16, choices=Field)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("translation"), max_length=5000)
    source = models.CharField(_("digest of the original"), max_length=64)
    machine = models.BooleanField(_("machine translated"), default=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_document = models.GeneratedField(
        expression=search_document("text"), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="posting_translation_one_per_text",
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""), name="posting_translation_not_empty"
            ),
        ]
        indexes = [
            GinIndex(fields=["search_document"], name="posting_translation_search_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.field} [{self.language}]"

    @staticmethod
    def digest(original: str) -> str:
        return hashlib.sha256(original.encode()).hexdigest()

    def translates(self, original: str) -> bool:
        """Whether this may stand for `original`: an official's correction always; a machine
        translation only of this very text (the original may have changed since)."""
        return not self.machine or self.source == self.digest(original)
