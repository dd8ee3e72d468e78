from django import template

from matching.models import Match
from matching.reasons_text import describe

register = template.Library()


@register.filter
def reasons(match: Match) -> list[str]:
    """The reasons of a match in words, in the active language."""
    return describe(match)
