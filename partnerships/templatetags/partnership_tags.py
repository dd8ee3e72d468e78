from django import template

from partnerships.selectors import partnerships_of

register = template.Library()


@register.inclusion_tag("partnerships/_partnerships_of_municipality.html")
def municipality_partnerships(municipality) -> dict:
    """The municipality's partnerships, for its profile page (municipalities cannot import
    this app, which sits above them)."""
    return {"partnerships": partnerships_of(municipality.pk)}
