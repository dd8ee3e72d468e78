from django import template

from core.numbers import localized_number

register = template.Library()


@register.filter
def number(value) -> str:
    """`{{ posting.quantity|number }}`: "1,5" in German, "1.5" in English, "20" not "20.00"."""
    return localized_number(value)
