import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality


class Partnership(models.Model):
    """Two or more municipalities bound by a twinning, a solidarity partnership, a friendship,
    a cooperation agreement or a network; its activities and events will hang off it."""

    class Kind(models.TextChoices):
        TWINNING = "twinning", _("Twinning")
        SOLIDARITY = "solidarity", _("Solidarity partnership")
        FRIENDSHIP = "friendship", _("Friendship")
        COOPERATION = "cooperation", _("Cooperation agreement")
        NETWORK = "network", _("Network")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    started_on = models.DateField(_("partners since"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        through="PartnershipMember",
        related_name="partnerships",
        verbose_name=_("municipalities"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="partnership_ends_after_it_starts",
                violation_error_message=_("A partnership cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.started_on.year})"


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
