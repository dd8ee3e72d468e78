import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.languages import localized_fields
from core.text import clean_fields
from matching.models import Match
from municipalities.models import Municipality
from partnerships.models.partnership import Partnership
from partnerships.models.texts import WrittenInOneLanguage
from postings.models import Sector


class Activity(WrittenInOneLanguage, models.Model):
    """A cooperation inside a partnership: a training, a delivery, a programme; optionally
    recorded from the agreed or delivered matches it came from."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("partnership"),
    )
    original_language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    outcome = models.TextField(
        _("what was delivered"),
        max_length=2000,
        blank=True,
        help_text=_("Equipment, trainings, people reached: what came of it."),
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PLANNED)
    started_on = models.DateField(_("starts on"), null=True, blank=True)
    ended_on = models.DateField(_("ends on"), null=True, blank=True)
    matches = models.ManyToManyField(
        Match,
        through="ActivityMatch",
        blank=True,
        related_name="partnership_activities",
        verbose_name=_("matches"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["started_on", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="activity_ends_after_it_starts",
                violation_error_message=_("An activity cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "running", "completed"]),
                name="activity_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    def clean(self) -> None:
        # What every way in (pages, API, admin) passes: titles display as typed (core.text).
        clean_fields(
            self,
            labels=localized_fields("title"),
            texts=localized_fields("description", "outcome"),
        )
        self.require_original("title")

    @property
    def display_title(self) -> str:
        return self.text("title")

    @property
    def display_description(self) -> str:
        return self.text("description")

    @property
    def display_outcome(self) -> str:
        return self.text("outcome")


class ActivityMatch(models.Model):
    """A match an activity came from; a match is recorded as cooperation once."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    match = models.OneToOneField(Match, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("match of an activity")
        verbose_name_plural = _("matches of activities")

    def __str__(self) -> str:
        return f"{self.activity} ← {self.match_id}"


class Event(WrittenInOneLanguage, models.Model):
    """A meeting, visit, conference or online exchange of a partnership; any municipality may
    take part, not only the members."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        VISIT = "visit", _("Visit")
        CONFERENCE = "conference", _("Conference")
        ONLINE = "online", _("Online exchange")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("partnership"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.MEETING)
    original_language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    topic = models.CharField(_("topic"), max_length=300)
    held_on = models.DateField(_("date"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    link = models.URLField(_("link"), blank=True, help_text=_("For an online exchange."))
    participants = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="partnership_events",
        verbose_name=_("participating municipalities"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("held_on")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(place="", link=""),
                name="event_has_a_place_or_link",
                violation_error_message=_("Say where it takes place, or give the link."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["meeting", "visit", "conference", "online"]),
                name="event_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.display_topic

    def clean(self) -> None:
        clean_fields(self, labels=[*localized_fields("topic"), "place"])  # as Activity.clean
        self.require_original("topic")

    @property
    def display_topic(self) -> str:
        return self.text("topic")
