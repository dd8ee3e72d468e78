"""A map of partnerships as inline SVG, drawn on the server from the municipalities'
coordinates: no tiles, no CDN, no JavaScript.

The projection is equirectangular, fitted to the places shown (with the longitudes narrowed by
the cosine of the middle latitude, so that Europe does not look stretched): Krefeld and Venlo
fill the map on their own. When some places lie far beyond Europe (Cajamarca in Peru), the
main map keeps to Europe, the ties to them leave it in their direction, and a small map of
the whole picture under it shows them. A light graticule gives the eye a scale. Members are
filled dots, other municipalities (guests at an event) hollow ones; a partnership is a line
between every two of its members, dashed while it is not active.

Every text is escaped here, so callers may mark the result safe. To assistive technology the
map is one image (`role="img"`, a title and a description); the list beside it on the page is
its text alternative, and every dot and line has a tooltip.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import combinations

from django.utils import timezone

from municipalities.models import Municipality
from partnerships.models import Event, Partnership

WIDTH = 720
MIN_HEIGHT = 260
MAX_HEIGHT = 560
PAD = 36  # room for labels at the edges
MIN_SPAN = 3.0  # degrees: two neighbouring towns still show as two places
FONT_SIZE = 12
CHAR_WIDTH = 6.6  # average advance at FONT_SIZE, to keep labels apart
DOT = 5
# A network of more members is drawn as a star from its first member, not every pair.
ALL_PAIRS_UP_TO = 6
# (south, north, west, east): the main map shows Europe when some places lie far beyond it,
# and an inset of the world under it shows them all.
EUROPE = (34.0, 72.0, -25.0, 50.0)
INSET_WIDTH = 240
INSET_HEIGHTS = (90, 150)
INSET_GAP = 8
# At least 4.5:1 against the background, and told apart by fill, not by colour alone.
INK = "#1b1b1b"
MEMBER = "#1f5a96"
GUEST = "#9c3d10"
TIE = "#1f5a96"
GRID = "#d5dde5"
BACKGROUND = "#f7f9fb"


@dataclass(frozen=True)
class Place:
    key: int
    name: str
    latitude: float
    longitude: float
    member: bool = True


@dataclass(frozen=True)
class Tie:
    """A line between two places; `label` is its tooltip."""

    first: int
    second: int
    label: str
    active: bool = True


class _Projection:
    """Equirectangular, fitted to the places into `width` (and a height it chooses within
    `heights`), leaving `pad` around them."""

    def __init__(
        self,
        places: Sequence[Place],
        width: int,
        pad: float = PAD,
        heights: tuple[int, int] = (MIN_HEIGHT, MAX_HEIGHT),
    ) -> None:
        lats = [place.latitude for place in places]
        lons = [place.longitude for place in places]
        middle = (max(lats) + min(lats)) / 2
        self.squeeze = max(math.cos(math.radians(middle)), 0.3)
        self.west, self.east = self._span(min(lons) * self.squeeze, max(lons) * self.squeeze)
        self.south, self.north = self._span(min(lats), max(lats))
        room = width - 2 * pad
        ideal = room * (self.north - self.south) / (self.east - self.west) + 2 * pad
        self.height = round(min(max(ideal, heights[0]), heights[1]))
        scale_x = room / (self.east - self.west)
        scale_y = (self.height - 2 * pad) / (self.north - self.south)
        self.scale = min(scale_x, scale_y)
        # Centre the places in whichever direction has room to spare.
        self.left = pad + (room - (self.east - self.west) * self.scale) / 2
        self.top = pad + (self.height - 2 * pad - (self.north - self.south) * self.scale) / 2

    @staticmethod
    def _span(low: float, high: float) -> tuple[float, float]:
        if high - low >= MIN_SPAN:
            margin = (high - low) * 0.05
            return low - margin, high + margin
        middle = (low + high) / 2
        return middle - MIN_SPAN / 2, middle + MIN_SPAN / 2

    def point(self, latitude: float, longitude: float) -> tuple[float, float]:
        x = self.left + (longitude * self.squeeze - self.west) * self.scale
        y = self.top + (self.north - latitude) * self.scale
        return x, y


def _in_europe(place: Place) -> bool:
    south, north, west, east = EUROPE
    return south <= place.latitude <= north and west <= place.longitude <= east


def _split(places: Sequence[Place]) -> tuple[list[Place], list[Place]]:
    """(the places of the main map, those for the inset): Europe on the main map when some
    places lie far beyond it (and Europe has more than one), everything on it otherwise."""
    near = [place for place in places if _in_europe(place)]
    far = [place for place in places if not _in_europe(place)]
    if len(near) >= 2 and far:
        return near, far
    return list(places), []


def _fmt(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _graticule(projection: _Projection, width: int) -> str:
    span = max(projection.north - projection.south, (projection.east - projection.west))
    step = next(step for step in (2, 5, 10, 20, 30, 60) if span / step <= 8)
    lines = []
    for latitude in range(-90, 91, step):
        if projection.south <= latitude <= projection.north:
            _x, y = projection.point(latitude, 0)
            lines.append(f'<line x1="0" y1="{_fmt(y)}" x2="{width}" y2="{_fmt(y)}"/>')
    for longitude in range(-180, 181, step):
        if projection.west <= longitude * projection.squeeze <= projection.east:
            x, _y = projection.point(0, longitude)
            lines.append(f'<line x1="{_fmt(x)}" y1="0" x2="{_fmt(x)}" y2="{projection.height}"/>')
    return f'<g stroke="{GRID}" stroke-width="1">{"".join(lines)}</g>'


def _tie(tie: Tie, points: dict[int, tuple[float, float]], width: float = 2) -> str:
    (x1, y1), (x2, y2) = points[tie.first], points[tie.second]
    dash = "" if tie.active else ' stroke-dasharray="6 4"'
    return (
        f'<line class="tie" x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}"'
        f' stroke="{TIE}" stroke-width="{width}" stroke-opacity="0.7"{dash}>'
        f"<title>{escape(tie.label)}</title></line>"
    )


def _dot(place: Place, x: float, y: float, kind: str = "place", radius: float = DOT) -> str:
    fill, stroke = (MEMBER, "#ffffff") if place.member else ("#ffffff", GUEST)
    role = "member" if place.member else "guest"
    return (
        f'<circle class="{kind} {role}" data-name="{escape(place.name)}" cx="{_fmt(x)}"'
        f' cy="{_fmt(y)}" r="{radius}" fill="{fill}" stroke="{stroke}" stroke-width="2">'
        f"<title>{escape(place.name)}</title></circle>"
    )


def _overlaps(box: tuple[float, float, float, float], taken: list) -> bool:
    left, top, right, bottom = box
    return any(
        left < other[2] and other[0] < right and top < other[3] and other[1] < bottom
        for other in taken
    )


def _label(place: Place, x: float, y: float, size: tuple[float, float], taken: list) -> str:
    """The name beside its dot where it fits without covering another; left out where it
    cannot (the tooltip and the list still name it)."""
    text_width = len(place.name) * CHAR_WIDTH
    half = FONT_SIZE / 2 + 1
    candidates = [
        (x + DOT + 3, y, "start"),
        (x - DOT - 3, y, "end"),
        (x, y - DOT - half - 2, "middle"),
        (x, y + DOT + half + 2, "middle"),
    ]
    for lx, ly, anchor in candidates:
        left = {"start": lx, "end": lx - text_width, "middle": lx - text_width / 2}[anchor]
        box = (left, ly - half, left + text_width, ly + half)
        if box[0] < 0 or box[2] > size[0] or box[1] < 0 or box[3] > size[1]:
            continue
        if _overlaps(box, taken):
            continue
        taken.append(box)
        return (
            f'<text x="{_fmt(lx)}" y="{_fmt(ly)}" text-anchor="{anchor}"'
            f' dominant-baseline="central" font-size="{FONT_SIZE}" fill="{INK}"'
            f' paint-order="stroke" stroke="{BACKGROUND}" stroke-width="3">'
            f"{escape(place.name)}</text>"
        )
    return ""


def _layer(places: Sequence[Place], ties: Sequence[Tie], projection, size, **dots) -> list[str]:
    """Ties, then dots (members on top of guests), then the labels that fit."""
    points = {place.key: projection.point(place.latitude, place.longitude) for place in places}
    parts = [_tie(tie, points) for tie in ties if tie.first in points and tie.second in points]
    ordered = sorted(places, key=lambda place: place.member)
    parts += [_dot(place, *points[place.key], **dots) for place in ordered]
    taken = [(x - DOT, y - DOT, x + DOT, y + DOT) for x, y in points.values()]
    parts += [_label(place, *points[place.key], size, taken) for place in reversed(ordered)]
    return parts


def _main(near: Sequence[Place], ties: Sequence[Tie], everything, width: int, map_id: str):
    """The main map of the near places; ties to far ones leave it towards them, cut at its
    edge."""
    projection = _Projection(near, width)
    height = projection.height
    far_points = {
        place.key: projection.point(place.latitude, place.longitude) for place in everything
    }
    near_keys = {place.key for place in near}
    leaving = [
        tie
        for tie in ties
        if tie.first in far_points
        and tie.second in far_points
        and (tie.first in near_keys) != (tie.second in near_keys)
    ]
    parts = [
        f'<clipPath id="{map_id}-main"><rect width="{width}" height="{height}"/></clipPath>',
        f'<rect width="{width}" height="{height}" fill="{BACKGROUND}" rx="4"/>',
        _graticule(projection, width),
        f'<g clip-path="url(#{map_id}-main)">',
        *(_tie(tie, far_points) for tie in leaving),
        "</g>",
        *_layer(near, ties, projection, (width, height)),
    ]
    return parts, height


def _inset(places: Sequence[Place], ties: Sequence[Tie], top: float, caption: str):
    """The whole picture, small, under the main map: every place and tie."""
    projection = _Projection(places, INSET_WIDTH, pad=14, heights=INSET_HEIGHTS)
    size = (INSET_WIDTH, projection.height)
    parts = [
        f'<g class="inset" transform="translate(0 {_fmt(top)})">',
        f'<rect width="{INSET_WIDTH}" height="{projection.height}" fill="{BACKGROUND}"'
        f' stroke="{GRID}" rx="4"/>',
        _graticule(projection, INSET_WIDTH),
        f'<text x="{INSET_WIDTH + 8}" y="12" font-size="{FONT_SIZE}" fill="{INK}">'
        f"{escape(caption)}</text>",
        *_layer(places, ties, projection, size, kind="inset-place", radius=3),
        "</g>",
    ]
    return parts, projection.height


def draw_map(
    places: Sequence[Place],
    ties: Sequence[Tie],
    *,
    map_id: str,
    title: str,
    description: str,
    empty_text: str,
    inset_caption: str = "",
    width: int = WIDTH,
) -> str:
    """The SVG of the places (those without coordinates left out by the caller) and the ties
    between them; with an inset of the world under it when some places lie beyond Europe."""
    map_id = escape(map_id)
    titles = (
        f'<title id="{map_id}-title">{escape(title)}</title>'
        f'<desc id="{map_id}-desc">{escape(description)}</desc>'
    )
    if not places:
        height = 80
        parts = [
            f'<rect width="{width}" height="{height}" fill="{BACKGROUND}" rx="4"/>',
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle"'
            f' dominant-baseline="central" font-size="14" fill="{INK}">{escape(empty_text)}</text>',
        ]
    else:
        near, far = _split(places)
        parts, height = _main(near, ties, places, width, map_id)
        if far:
            inset, inset_height = _inset(places, ties, height + INSET_GAP, inset_caption)
            parts += inset
            height += INSET_GAP + inset_height
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="partnership-map"'
        f' id="{map_id}" aria-labelledby="{map_id}-title {map_id}-desc"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        " font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\">"
        f"{titles}{''.join(parts)}</svg>"
    )


def _place(municipality: Municipality, member: bool = True) -> Place | None:
    if municipality.latitude is None or municipality.longitude is None:
        return None
    return Place(
        municipality.pk,
        municipality.name,
        float(municipality.latitude),
        float(municipality.longitude),
        member,
    )


def _pairs(members: list[Municipality]) -> Iterable[tuple[Municipality, Municipality]]:
    if len(members) <= ALL_PAIRS_UP_TO:
        return combinations(members, 2)
    return ((members[0], other) for other in members[1:])


def partnership_places(
    partnerships: Iterable[Partnership], events: Iterable[Event] = ()
) -> tuple[list[Place], list[Tie]]:
    """The current members of the partnerships (their `members` prefetched with their
    municipalities) as places, a tie per two members, and the events' other participants as
    guests."""
    places: dict[int, Place] = {}
    ties: dict[tuple[int, int], Tie] = {}
    today = timezone.localdate()
    for partnership in partnerships:
        members = [m.municipality for m in partnership.members.all() if m.is_current(today)]
        for municipality in members:
            place = _place(municipality)
            if place is not None:
                places[municipality.pk] = place
        active = partnership.status == Partnership.Status.ACTIVE
        label = f"{partnership.display_name}: {partnership.get_kind_display()}"
        for first, second in _pairs(members):
            key = (min(first.pk, second.pk), max(first.pk, second.pk))
            if key not in ties or (active and not ties[key].active):
                ties[key] = Tie(first.pk, second.pk, label, active)
    for event in events:
        for municipality in event.participants.all():
            place = _place(municipality, member=False)
            if place is not None and municipality.pk not in places:
                places[municipality.pk] = place
    return list(places.values()), list(ties.values())
