""" "My municipality": its needs and offers by status, what needs confirming, what waits for
approval. For the municipality's members and staff only."""

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from municipalities.selectors import acting_membership, membership_of
from postings import selectors
from postings.models import Posting
from postings.registry import posting_models
from postings.services.lifecycle import Answer

Status = Posting.Status
# Closed postings are history: the most recent ones are listed, all are counted.
CLOSED_SHOWN = 30
GROUP_LABELS = {
    Status.DRAFT: _("Drafts"),
    selectors.SUBMITTED: _("Waiting for approval"),
    Status.PUBLISHED: _("Published"),
    Status.PARTLY_COVERED: _("Partly covered"),
    Status.FULFILLED: _("Fulfilled"),
    Status.WITHDRAWN: _("Withdrawn"),
    Status.EXPIRED: _("Expired"),
}
# Words that depend on the kind of posting; in German, Ukrainian or Polish they are not one
# phrase with the noun swapped. Any other posting model falls back to its verbose name.
KIND_TEXTS = {
    "needs": {"create": _("Post a need"), "none": _("Your municipality has no needs yet.")},
    "offers": {"create": _("Post an offer"), "none": _("Your municipality has no offers yet.")},
}


@dataclass
class Group:
    key: str
    label: str
    count: int
    closed: bool
    postings: list[Posting] = field(default_factory=list)

    @property
    def shown_partly(self) -> bool:
        return len(self.postings) < self.count


@dataclass
class Section:
    """One posting model (needs or offers) on the dashboard."""

    namespace: str
    heading: str
    kind: str
    create_label: str
    none_label: str
    date_label: str
    total: int
    groups: list[Group]
    awaiting_confirmation: list[Posting]
    awaiting_approval: list[Posting]


def _groups(postings: QuerySet[Posting]) -> list[Group]:
    counts = selectors.group_counts(postings)
    grouped = selectors.grouped_postings(postings, CLOSED_SHOWN)
    return [
        Group(key, label, counts[key], key in Posting.CLOSED_STATUSES, grouped[key])
        for key, label in GROUP_LABELS.items()
    ]


def _section(model: type[Posting], municipality: Municipality) -> Section:
    postings = selectors.municipality_postings(model, municipality)
    meta = model._meta
    texts = KIND_TEXTS.get(meta.app_label, {})
    groups = _groups(postings)
    return Section(
        namespace=meta.app_label,
        heading=capfirst(meta.verbose_name_plural),
        kind=capfirst(meta.verbose_name),
        create_label=texts.get("create", capfirst(meta.verbose_name)),
        none_label=texts.get("none", ""),
        date_label=capfirst(meta.get_field(model.date_field_name).verbose_name),
        total=sum(group.count for group in groups),
        groups=groups,
        awaiting_confirmation=list(
            selectors.awaiting_confirmation(postings).order_by("last_confirmed_at", "pk")
        ),
        awaiting_approval=list(
            selectors.awaiting_approval(postings).order_by("submitted_at", "pk")
        ),
    )


@login_required
def municipality_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    membership = membership_of(request.user, municipality)
    if membership is None and not request.user.is_staff:
        raise PermissionDenied
    # Buttons only for what the services would allow: members of a verified municipality with
    # a verified email act; managers approve.
    acting = acting_membership(request.user, municipality) if membership else None
    sections = [_section(model, municipality) for model in posting_models()]
    context = {
        "municipality": municipality,
        "membership": membership,
        "can_act": acting is not None,
        "can_approve": acting is not None and acting.is_manager,
        "sections": sections,
        "overview": [
            (label, [section.groups[row].count for section in sections])
            for row, label in enumerate(GROUP_LABELS.values())
        ],
        "answers": Answer.choices,
        "confirming": [
            (section, posting) for section in sections for posting in section.awaiting_confirmation
        ],
        "approving": [
            (section, posting) for section in sections for posting in section.awaiting_approval
        ],
    }
    return render(request, "postings/dashboard.html", context)
