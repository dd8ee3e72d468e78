"""Match reasons in words, in the reader's language ("same topic: firefighting", "offer covers
5 of 40 homes"): one formatter per reason code."""

from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import get_language_info, gettext_noop
from django.utils.translation import gettext as _
from django_countries import countries

from core.numbers import localized_number
from matching.engine.reasons import MISFITS, Reason
from matching.models import Match
from postings.models import HelpKind, Sector, Topic

# (kind, slug) → name in the active language: taxonomy names looked up once per page.
Names = dict[tuple[str, str], str]
Formatter = Callable[[dict, Match, Names], str]
_TAXONOMY = {"topic": Topic, "sector": Sector, "kind": HelpKind}


def _name(kind: str, slug: str, names: Names) -> str:
    key = (kind, slug)
    if key not in names:
        entry = _TAXONOMY[kind].objects.filter(slug=slug).first()
        names[key] = entry.name if entry else slug
    return names[key]


def _shared_languages(match: Match) -> str:
    shared = [
        code
        for code in match.need.municipality.languages
        if code in match.offer.municipality.languages
    ]
    labels = dict(settings.LANGUAGES)
    return ", ".join(
        str(labels.get(code) or get_language_info(code)["name_translated"]) for code in shared
    )


def _covers(message: str) -> Formatter:
    """How much of the need the offer covers, in the need's unit as the reader sees it."""

    def formatted(reason: dict, match: Match, names: Names) -> str:
        need = match.need
        unit = need.display_unit if reason["unit"] in (None, need.unit) else reason["unit"]
        return _(message) % {
            "covered": localized_number(reason["covered"]),
            "of": localized_number(reason["of"]),
            "unit": unit,
        }

    return formatted


def _ends_too_early(reason: dict, match: Match, names: Names) -> str:
    return _("available until %(until)s, needed by %(needed_by)s") % {
        "until": date_format(date.fromisoformat(reason["until"]), "DATE_FORMAT"),
        "needed_by": date_format(date.fromisoformat(reason["needed_by"]), "DATE_FORMAT"),
    }


FORMATTERS: dict[Reason, Formatter] = {
    Reason.SAME_TOPIC: lambda reason, match, names: (
        _("same topic: %(topic)s") % {"topic": _name("topic", reason["topic"], names)}
    ),
    Reason.SAME_SECTOR: lambda reason, match, names: (
        _("same sector: %(sector)s") % {"sector": _name("sector", reason["sector"], names)}
    ),
    Reason.SIMILAR_TEXT: lambda reason, match, names: _("the descriptions say much the same"),
    Reason.SAME_KIND: lambda reason, match, names: (
        _("same kind of help: %(kind)s") % {"kind": _name("kind", reason["kind"], names)}
    ),
    Reason.COMPATIBLE_KIND: lambda reason, match, names: _(
        "the kind of help offered fits the need"
    ),
    Reason.QUANTITY: _covers(gettext_noop("offer covers %(covered)s of %(of)s %(unit)s")),
    Reason.SHARED_LANGUAGE: lambda reason, match, names: (
        _("both cities work in %(languages)s") % {"languages": _shared_languages(match)}
    ),
    Reason.PARTNERS: lambda reason, match, names: (
        _("partner cities since %(year)s") % {"year": reason["since"]}
    ),
    Reason.SAME_COUNTRY: lambda reason, match, names: (
        _("same country: %(country)s") % {"country": countries.name(reason["country"])}
    ),
    Reason.DISTANCE: lambda reason, match, names: _("%(km)s km apart") % {"km": reason["km"]},
    Reason.OTHER_ITEM: lambda reason, match, names: _(
        "the descriptions are about different things"
    ),
    Reason.OTHER_KIND: lambda reason, match, names: (
        _("offered: %(offered)s; needed: %(needed)s")
        % {
            "offered": _name("kind", reason["offered"], names),
            "needed": _name("kind", reason["needed"], names),
        }
    ),
    Reason.TOO_LITTLE: _covers(gettext_noop("offer covers only %(covered)s of %(of)s %(unit)s")),
    Reason.ENDS_TOO_EARLY: _ends_too_early,
}


class ReasonLines(list):
    """The reasons of a match in words: the whole list, what fits first; `fits` and `misfits`
    apart, for pages that show what does not fit on its own."""

    def __init__(self, fits: list[str], misfits: list[str]) -> None:
        super().__init__([*fits, *misfits])
        self.fits, self.misfits = fits, misfits


def describe(match: Match, names: Names | None = None) -> ReasonLines:
    """Each reason of a match as a sentence in the active language; codes this version does
    not know are left out."""
    names = {} if names is None else names
    known = [reason for reason in match.reasons if reason.get("code") in FORMATTERS]
    lines = [
        (reason["code"] in MISFITS, FORMATTERS[reason["code"]](reason, match, names))
        for reason in known
    ]
    return ReasonLines(
        [line for misfit, line in lines if not misfit],
        [line for misfit, line in lines if misfit],
    )
