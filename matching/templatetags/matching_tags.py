from django import template

from matching.models import Match
from matching.reasons_text import describe
from matching.selectors import matches_for_municipality, matches_for_posting

register = template.Library()


@register.filter
def reasons(match: Match) -> list[str]:
    """The reasons of a match in words, in the active language."""
    return describe(match)


@register.inclusion_tag("matching/_matches_for_posting.html", takes_context=True)
def posting_matches(context, posting, show_empty: bool = False) -> dict:
    """The matches of a posting the reader may see; used by the postings' pages, which must
    not import matching (it sits above them)."""
    matches = matches_for_posting(posting, context["request"].user)
    possible = [match for match in matches if match.is_possible]
    return {
        "matches": [m for m in matches if m not in possible],
        "possible_matches": possible,
        "show_empty": show_empty,
        "request": context["request"],
    }


@register.inclusion_tag("matching/_matches_for_municipality.html", takes_context=True)
def municipality_matches(context, municipality, limit: int = 10) -> dict:
    return {
        "matches": matches_for_municipality(municipality, limit=limit),
        "municipality": municipality,
        "link_all": True,
        "request": context["request"],
    }
