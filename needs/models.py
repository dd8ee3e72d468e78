from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from postings.models import Posting


class Need(Posting):
    """What a municipality needs: goods, know-how, training, funding, people, hosting."""

    date_field_name = "needed_by"

    needed_by = models.DateField(_("needed by"), null=True, blank=True)

    class Meta(Posting.Meta):
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = Posting.constraints_for("need")
        indexes = Posting.indexes_for("need")

    def get_absolute_url(self) -> str:
        return reverse("needs:detail", kwargs={"pk": self.pk})
