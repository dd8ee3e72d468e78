from django import template

from core.numbers import localized_number
from postings.models import Posting

register = template.Library()


@register.filter
def amount(value, posting: Posting) -> str:
    """A quantity of the posting with its unit, in the reader's language: "20 Stück"."""
    if value is None:
        return ""
    return f"{localized_number(value)} {posting.display_unit}".strip()
