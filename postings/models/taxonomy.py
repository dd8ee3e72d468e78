"""The sector taxonomy: sectors with topics, and kinds of help. Slugs never change."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaxonomyEntry(models.Model):
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


class Sector(TaxonomyEntry):
    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class Topic(TaxonomyEntry):
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="topics"
    )

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class HelpKind(TaxonomyEntry):
    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("kind of help")
        verbose_name_plural = _("kinds of help")
