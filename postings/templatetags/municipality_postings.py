"""A municipality's open needs and offers, for its profile page (the municipalities app sits
below this one and cannot read postings; its template loads this tag)."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from municipalities.models import Municipality
from postings.models import Posting
from postings.registry import posting_models
from postings.selectors import public_postings, translations_prefetch

register = template.Library()

# Listed on the profile; more are a link away (the list filtered by the municipality).
SHOWN = 10


@dataclass(frozen=True)
class OpenPostings:
    kind: str  # "needs" or "offers": the app's label
    postings: list[Posting]
    more_url: str  # "" when all of them are shown


def open_postings_of(municipality: Municipality) -> list[OpenPostings]:
    """Published and partly covered, newest first: two queries per kind, however many."""
    sections = []
    for model in sorted(posting_models(), key=lambda model: model._meta.app_label):
        postings = list(
            public_postings(model)
            .filter(municipality=municipality, status__in=Posting.OPEN_STATUSES)
            .prefetch_related(translations_prefetch(get_language()))
            .order_by("-published_at", "-pk")[: SHOWN + 1]
        )
        label = model._meta.app_label
        more_url = f"{reverse(f'{label}:list')}?municipality={municipality.slug}"
        sections.append(
            OpenPostings(label, postings[:SHOWN], more_url if len(postings) > SHOWN else "")
        )
    return sections


@register.inclusion_tag("postings/_municipality_open_postings.html")
def municipality_open_postings(municipality: Municipality) -> dict:
    return {"municipality": municipality, "sections": open_postings_of(municipality)}
