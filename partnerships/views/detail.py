"""A partnership's page: members, kind, since when, contacts (for members), figures, the
timeline, the map, and what the reader may do."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from partnerships.forms import StatusForm
from partnerships.map import draw_map, partnership_places
from partnerships.models import Partnership
from partnerships.permissions import current_member_ids
from partnerships.selectors.timeline import History, figures_of, history_of
from partnerships.services.proposals import PROPOSAL_VALIDITY
from partnerships.views.common import readable


def _map(partnership: Partnership, history: History, member_ids: set[int]) -> tuple:
    """The map's SVG, and the guests of the events (the municipalities not members)."""
    places, ties = partnership_places([partnership], history.events)
    guests = {
        municipality.pk: municipality
        for event in history.events
        for municipality in event.participants.all()
        if municipality.pk not in member_ids
    }
    svg = draw_map(
        places,
        ties,
        map_id="partnership-map",
        title=_("Map of %(name)s") % {"name": partnership.display_name},
        description=_(
            "Its members as filled dots joined by lines; guests at its events as hollow "
            "dots. The list beside the map names them all."
        ),
        empty_text=_("No coordinates to draw."),
        inset_caption=_("All of them, beyond Europe too"),
    )
    # Every text is escaped by draw_map.
    return mark_safe(svg), sorted(guests.values(), key=lambda municipality: municipality.name)  # noqa: S308


def detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    partnership, rights = readable(request, uuid)
    members = list(partnership.members.all())
    member_ids = current_member_ids(partnership)
    history = history_of(partnership, member_ids)
    map_svg, guests = _map(partnership, history, member_ids)
    waiting = [m for m in members if partnership.is_proposal and m.confirmed_at is None]
    context = {
        "partnership": partnership,
        "rights": rights,
        "members": members,
        "guests": guests,
        "history": history,
        "figures": figures_of(history),
        "map_svg": map_svg,
        "waiting": waiting,
        "expires_on": timezone.localdate(partnership.created_at) + PROPOSAL_VALIDITY,
        "can_confirm": [m for m in waiting if m.municipality_id in rights.managing],
        "can_decline": partnership.is_proposal and bool(rights.managing),
        "status_form": StatusForm(partnership=partnership)
        if partnership.moves and rights.can_manage
        else None,
    }
    return render(request, "partnerships/detail.html", context)
