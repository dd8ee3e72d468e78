from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from postings.models import Posting


class Offer(Posting):
    """What a municipality can give, teach, fund or host."""

    date_field_name = "available_until"

    available_until = models.DateField(_("available until"), null=True, blank=True)

    class Meta(Posting.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = Posting.constraints_for("offer")
        indexes = Posting.indexes_for("offer")

    def get_absolute_url(self) -> str:
        return reverse("offers:detail", kwargs={"pk": self.pk})
