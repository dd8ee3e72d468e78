"""The abstract Posting: everything a need and an offer have in common."""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.languages import localized_field, localized_fields
from core.numbers import localized_number
from core.text import clean_fields
from municipalities.models import Municipality
from postings.models.search import search_document
from postings.models.taxonomy import HelpKind, Sector, Topic
from postings.models.translation import PostingTranslation

# Written in the author's language, translations optional; stored per language.
TRANSLATED_FIELDS = ("title", "description")
# What the worker translates by machine into the other languages (PostingTranslation).
MACHINE_TRANSLATED_FIELDS = tuple(PostingTranslation.Field.values)
# Where postings.selectors.translations_prefetch puts the machine translations it loads.
TRANSLATIONS_ATTRIBUTE = "loaded_translations"


def written_in(language: str, **texts: str) -> dict[str, str]:
    """Texts as stored for the language they are written in: title="…" → {"title_uk": "…"}."""
    return {localized_field(field, language): text for field, text in texts.items()}


@dataclass(frozen=True)
class ShownText:
    """A text as a reader sees it: in which language, and whether a machine translated it."""

    text: str
    language: str
    machine: bool = False


class Posting(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        PARTLY_COVERED = "partly_covered", _("Partly covered")
        FULFILLED = "fulfilled", _("Fulfilled")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    OPEN_STATUSES = (Status.PUBLISHED, Status.PARTLY_COVERED)
    # Listed for everyone (fulfilled ones too, as a record of help given), if not hidden.
    PUBLIC_STATUSES = (*OPEN_STATUSES, Status.FULFILLED)
    CLOSED_STATUSES = (Status.FULFILLED, Status.WITHDRAWN, Status.EXPIRED)
    # The concrete model's own date: needed by (need), available until (offer).
    date_field_name: str = ""
    # What an official writes and may change, besides the translated texts and the concrete
    # model's date; every other field belongs to the workflow and only the services change it.
    # The form, the lifecycle services and the admin all read this.
    EDITABLE_FIELDS = (
        "original_language",
        "sector",
        "topic",
        "help_kind",
        "quantity",
        "unit",
        "logistics",
        "contact",
    )
    # Postgres's own and the matching worker's, not a person's.
    INTERNAL_FIELDS = (
        "id",
        "uuid",
        "external_id",
        "search_document",
        "match_pending",
        "match_requested_at",
        "translation_pending",
        "translation_requested_at",
    )

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The municipality's own id for it (e.g. in its register), for clients that sync by it.
    external_id = models.CharField(_("external id"), max_length=100, blank=True, default="")
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="%(class)ss",
    )
    original_language = models.CharField(_("written in"), max_length=8, choices=settings.LANGUAGES)
    # Stored per language by modeltranslation; clean() requires the original language's.
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    help_kind = models.ForeignKey(
        HelpKind, verbose_name=_("kind of help"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    quantity_covered = models.DecimalField(
        _("quantity covered"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    logistics = models.TextField(_("delivery and logistics"), max_length=2000, blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted for approval at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    last_confirmed_at = models.DateTimeField(_("last confirmed at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # Set in the same transaction as every change that matters to matching; cleared by the
    # matching worker. The periodic sweep finds whatever a lost task left behind.
    match_pending = models.BooleanField(_("to be matched"), default=False)
    # When it was last marked or handed to a task: the sweep re-sends only overdue ones, and the
    # worker clears the flag only if nobody marked the posting again while it was matching.
    match_requested_at = models.DateTimeField(_("matching requested at"), null=True, blank=True)
    # The same for machine translation: set whenever a text changes, cleared by the worker once
    # every language is done; a new posting has not been translated yet.
    translation_pending = models.BooleanField(_("to be translated"), default=True)
    translation_requested_at = models.DateTimeField(
        _("translation requested at"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    search_document = models.GeneratedField(
        expression=search_document(*localized_fields(*TRANSLATED_FIELDS), "unit"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    translations = GenericRelation(PostingTranslation)

    class Meta:
        abstract = True
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def constraints_for(cls, prefix: str) -> list[models.BaseConstraint]:
        statuses = [value for value, _label in cls.Status.choices]
        return [
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
                name=f"{prefix}_quantity_positive",
            ),
            models.CheckConstraint(
                condition=Q(quantity_covered__gte=0), name=f"{prefix}_covered_not_negative"
            ),
            models.CheckConstraint(condition=Q(status__in=statuses), name=f"{prefix}_status_valid"),
            models.UniqueConstraint(
                fields=["municipality", "external_id"],
                condition=~Q(external_id=""),
                name=f"{prefix}_external_id_unique",
            ),
        ]

    @classmethod
    def indexes_for(cls, prefix: str) -> list[models.Index]:
        return [
            GinIndex(fields=["search_document"], name=f"{prefix}_search_idx"),
            models.Index(fields=["status", "-published_at"], name=f"{prefix}_status_idx"),
            # The lists' default order (newest first): the first page without sorting them all.
            models.Index(fields=["-published_at", "-id"], name=f"{prefix}_newest_idx"),
            models.Index(fields=["municipality", "status"], name=f"{prefix}_municipality_idx"),
            models.Index(
                fields=["match_requested_at"],
                condition=Q(match_pending=True),
                name=f"{prefix}_match_pending_idx",
            ),
            models.Index(
                fields=["translation_requested_at"],
                condition=Q(translation_pending=True),
                name=f"{prefix}_translation_pending_idx",
            ),
        ]

    @classmethod
    def editable_field_names(cls) -> list[str]:
        """Every column a person may change: EDITABLE_FIELDS, the date, each text in every
        language."""
        return [*cls.EDITABLE_FIELDS, cls.date_field_name, *localized_fields(*TRANSLATED_FIELDS)]

    @classmethod
    def workflow_field_names(cls) -> list[str]:
        """The fields only the services change (read-only in the admin)."""
        editable = {*cls.editable_field_names(), *TRANSLATED_FIELDS, *cls.INTERNAL_FIELDS}
        return [field.name for field in cls._meta.concrete_fields if field.name not in editable]

    def clean(self) -> None:
        # What every way in (pages, API, admin) passes: titles and units display as typed.
        clean_fields(
            self,
            labels=[*localized_fields("title"), "unit"],
            texts=localized_fields("description"),
        )
        errors = {}
        for field in TRANSLATED_FIELDS:
            localized = localized_field(field, self.original_language or "en")
            if not getattr(self, localized, ""):
                errors[localized] = _("Please write this in the language you chose.")
        if self.topic_id and self.sector_id and self.topic.sector_id != self.sector_id:
            errors["topic"] = _("This topic belongs to another sector.")
        if self.quantity is not None and not self.unit:
            errors["unit"] = _("Say what the quantity counts, e.g. beds or tonnes.")
        if self.quantity is None and self.unit:
            errors["quantity"] = _("Give the quantity for this unit, or leave both empty.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES and self.hidden_at is None

    @property
    def is_public(self) -> bool:
        """What public_postings lists (postings.selectors)."""
        return (
            self.status in self.PUBLIC_STATUSES
            and self.hidden_at is None
            and self.municipality.is_verified
        )

    @property
    def date(self):
        return getattr(self, self.date_field_name)

    @property
    def quantity_open(self) -> Decimal | None:
        if self.quantity is None:
            return None
        return max(self.quantity - self.quantity_covered, Decimal(0))

    def text(self, field: str, language: str | None = None) -> str:
        """A translated field in the reader's language as its author wrote it, else in the
        language it was written in (machine translations aside: see `shown`)."""
        language = language or get_language() or settings.LANGUAGE_CODE
        for code in (language, self.original_language):
            value = getattr(self, localized_field(field, code), "")
            if value:
                return value
        return getattr(self, field)

    def amount(self, quantity) -> str:
        """A quantity of this posting with its unit, in the reader's language: "20 Stück"."""
        return f"{localized_number(quantity)} {self.display_unit}".strip()

    def locked(self) -> "Posting":
        """This posting read again and locked until the transaction ends (with its
        municipality, which the permission checks read, but not locked: postings of one
        municipality do not wait for each other), for a service that changes it."""
        return (
            type(self)
            .objects.select_for_update(of=("self",))
            .select_related("municipality")
            .get(pk=self.pk)
        )

    def original(self, field: str) -> str:
        """A text (title, description, logistics, unit) as its author wrote it."""
        if field in TRANSLATED_FIELDS:
            return self.text(field, self.original_language)
        return getattr(self, field)

    def shown(self, field: str, language: str | None = None) -> ShownText:
        """A text in the reader's language: as the author wrote it in that language; else
        translated by machine from the current original, or a machine translation an official
        corrected; else the original. Machine translations count where they were loaded with
        the posting (postings.selectors.translations_prefetch): a page never fetches them one
        posting at a time."""
        language = language or get_language() or settings.LANGUAGE_CODE
        original = self.original(field)
        if language == self.original_language or not original:
            return ShownText(original, self.original_language)
        if field in TRANSLATED_FIELDS and getattr(self, localized_field(field, language), ""):
            return ShownText(getattr(self, localized_field(field, language)), language)
        for translation in self.__dict__.get(TRANSLATIONS_ATTRIBUTE) or ():
            wanted = translation.field == field and translation.language == language
            if wanted and translation.translates(original):
                return ShownText(translation.text, language, machine=translation.machine)
        return ShownText(original, self.original_language)

    @property
    def display_title(self) -> str:
        return self.shown("title").text

    @property
    def display_description(self) -> str:
        return self.shown("description").text

    @property
    def display_unit(self) -> str:
        return self.shown("unit").text

    @property
    def display_language(self) -> str:
        """The language the reader sees the title in (for `lang` attributes)."""
        return self.shown("title").language

    @property
    def shown_in_original(self) -> bool:
        """Whether the reader sees the title as written, for want of a translation into their
        language."""
        return self.display_language == self.original_language

    @property
    def machine_translated(self) -> bool:
        """Whether the reader sees the title or the description translated by machine."""
        return self.shown("title").machine or self.shown("description").machine
