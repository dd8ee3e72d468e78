"""Match reasons in words, in the reader's language ("same topic: firefighting")."""

from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django_countries import countries

from matching.models import Match
from postings.models import HelpKind, Sector, Topic

_TAXONOMY = {"topic": Topic, "sector": Sector, "kind": HelpKind}


def _name(kind: str, slug: str, names: dict) -> str:
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


def describe(match: Match, names: dict | None = None) -> list[str]:
    """Each reason of a match as a sentence in the active language."""
    names = {} if names is None else names
    lines = []
    for reason in match.reasons:
        code = reason.get("code")
        if code == "same_topic":
            lines.append(
                _("same topic: %(topic)s") % {"topic": _name("topic", reason["topic"], names)}
            )
        elif code == "same_sector":
            lines.append(
                _("same sector: %(sector)s") % {"sector": _name("sector", reason["sector"], names)}
            )
        elif code == "similar_text":
            lines.append(_("the descriptions say much the same"))
        elif code == "same_kind":
            lines.append(
                _("same kind of help: %(kind)s") % {"kind": _name("kind", reason["kind"], names)}
            )
        elif code == "compatible_kind":
            lines.append(_("the kind of help offered fits the need"))
        elif code == "quantity":
            lines.append(
                _("offer covers %(covered)s of %(of)s %(unit)s")
                % {"covered": reason["covered"], "of": f"{reason['of']:g}", "unit": reason["unit"]}
            )
        elif code == "shared_language":
            lines.append(
                _("both cities work in %(languages)s") % {"languages": _shared_languages(match)}
            )
        elif code == "partners":
            lines.append(_("partner cities since %(year)s") % {"year": reason["since"]})
        elif code == "same_country":
            lines.append(
                _("same country: %(country)s") % {"country": countries.name(reason["country"])}
            )
        elif code == "distance":
            lines.append(_("%(km)s km apart") % {"km": reason["km"]})
    return lines
