import secrets
import uuid
from datetime import date

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.languages import localized_fields
from core.text import clean_fields
from municipalities.languages import validate_working_language
from municipalities.models import Municipality
from partnerships.documents import validate_agreement
from partnerships.models.texts import WrittenInOneLanguage
from postings.models import Sector


def agreement_path(partnership: "Partnership", filename: str) -> str:
    """Never served from this path (see partnerships.views.documents): a name nobody guesses
    all the same, and a new one for every upload."""
    return f"partnerships/agreements/{partnership.uuid}/{secrets.token_hex(8)}.pdf"


class Partnership(WrittenInOneLanguage, models.Model):
    """Two or more municipalities bound by a twinning, a solidarity partnership, a cooperation
    agreement, a network...: proposed by a manager of one, active once a manager of every
    member confirmed; its activities and events hang off it."""

    class Kind(models.TextChoices):
        TWINNING = "twinning", _("Twinning")
        SOLIDARITY = "solidarity", _("Solidarity partnership")
        FRIENDSHIP = "friendship", _("Friendship")
        COOPERATION = "cooperation", _("Cooperation agreement")
        PROJECT = "project", _("Project partnership")
        OPERATOR = "operator", _("Operator partnership of municipal utilities")
        NETWORK = "network", _("Network")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        ENDED = "ended", _("Ended")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    # Shown to everyone; the others (proposals and what became of them) to the members' officials.
    PUBLIC_STATUSES = (Status.ACTIVE, Status.SUSPENDED, Status.ENDED)
    # A partnership in one of these was never agreed, so it has no "partners since".
    UNAGREED_STATUSES = (Status.PROPOSED, Status.DECLINED, Status.EXPIRED)
    # Where its members' managers may take an agreed partnership (proposals move by answers).
    MOVES = {
        Status.ACTIVE: (Status.SUSPENDED, Status.ENDED),
        Status.SUSPENDED: (Status.ACTIVE, Status.ENDED),
    }

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.ACTIVE)
    original_language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Optional; without one, the partnership is named after its members."),
    )
    description = models.TextField(_("description"), max_length=5000, blank=True)
    started_on = models.DateField(
        _("partners since"),
        null=True,
        blank=True,
        help_text=_("Set when the last member confirms, unless given."),
    )
    signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="partnerships", verbose_name=_("sectors of cooperation")
    )
    languages = ArrayField(
        models.CharField(max_length=8, validators=[validate_working_language]),
        verbose_name=_("working languages"),
        default=list,
        blank=True,
    )
    agreement = models.FileField(
        _("agreement (PDF)"),
        upload_to=agreement_path,
        blank=True,
        max_length=200,
        validators=[validate_agreement],
    )
    municipalities = models.ManyToManyField(
        Municipality,
        through="PartnershipMember",
        related_name="partnerships",
        verbose_name=_("municipalities"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The last sign of life (an activity, an event, a status change, a "still active" answer):
    # twelve quiet months later the contacts are asked whether it still lasts.
    last_active_at = models.DateTimeField(_("last active"), default=timezone.now, db_index=True)
    reminded_at = models.DateTimeField(_("asked whether still active"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-started_on", "pk"]
        indexes = [models.Index(fields=["status", "kind"], name="partnership_status_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="partnership_ends_after_it_starts",
                violation_error_message=_("A partnership cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=["proposed", "active", "suspended", "ended", "declined", "expired"]
                ),
                name="partnership_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "declined", "expired"])
                | Q(started_on__isnull=False),
                name="partnership_agreed_has_a_start",
                violation_error_message=_("Say since when they are partners."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", kwargs={"uuid": self.uuid})

    def clean(self) -> None:
        clean_fields(self, labels=localized_fields("title"))  # shown as typed (core.text)

    @property
    def display_name(self) -> str:
        """The title in the reader's language (or the original), else the members' names."""
        title = self.text("title")
        if title:
            return title
        return " – ".join(member.municipality.name for member in self.members.all())

    @property
    def display_description(self) -> str:
        return self.text("description")

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_proposal(self) -> bool:
        return self.status == self.Status.PROPOSED

    @property
    def is_closed_proposal(self) -> bool:
        """Declined or expired: nothing more is recorded under it."""
        return self.status in (self.Status.DECLINED, self.Status.EXPIRED)

    @property
    def moves(self) -> tuple[str, ...]:
        return self.MOVES.get(self.status, ())


class PartnershipMember(models.Model):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("partnership"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="partnership_memberships",
        verbose_name=_("municipality"),
    )
    joined_on = models.DateField(
        _("joined on"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a founding member."),
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partnership officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnership_contacts",
        help_text=_("Who speaks for this member in the partnership."),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "municipality"],
                name="one_membership_per_partnership",
                violation_error_message=_("This municipality is already a member."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="partnership_member_leaves_after_joining",
                violation_error_message=_("A member cannot leave before it joins."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality)

    def is_current(self, today: date) -> bool:
        """A member on that day: joined by then (or no date given) and not left yet."""
        return (self.joined_on is None or self.joined_on <= today) and (
            self.left_on is None or self.left_on > today
        )


class PartnershipStatusChange(models.Model):
    """The history of a partnership's status: when, to what, by whom and for which member."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("partnership"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Partnership.Status)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.changed_at:%Y-%m-%d})"
