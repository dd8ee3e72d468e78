"""The life of a need or an offer: draft → published → partly covered → fulfilled / withdrawn /
expired. Every change is one transaction, checks its permission and is recorded in the history."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from accounts.models import User
from core.limits import Limit, consume
from municipalities.models import Municipality
from municipalities.selectors import membership_of
from postings import permissions
from postings.models import Posting, PostingChange
from postings.services.history import diff, record
from postings.services.matching_queue import mark_for_matching
from postings.services.translation import TEXT_FIELDS, mark_for_translation

Status = Posting.Status
Action = PostingChange.Action
# A needed-by or available-until date further ahead is a typo, not a plan.
LATEST_DATE_YEARS = 5
NEW_POSTINGS = Limit(
    "posting_create",
    "POSTINGS_PER_HOUR",
    3600,
    ngettext_lazy(
        "You have created %(count)d need or offer within an hour.",
        "You have created %(count)d needs and offers within an hour.",
        "count",
    ),
)


def _check_fields(model: type[Posting], fields: dict) -> None:
    # The external id is set by API clients, never on the pages.
    unknown = set(fields) - {*model.editable_field_names(), "external_id"}
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")


def _speaks_for(user: User, posting: Posting) -> bool:
    return user.is_active and membership_of(user, posting.municipality) is not None


def _validate(posting: Posting, changed: Iterable[str]) -> None:
    """The model's own rules, and those that need more than the model knows (today's date,
    who belongs to the municipality, its other postings) for what the change touches; every
    error at once."""
    changed, errors = set(changed), {}
    try:
        posting.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    _check_date(posting, changed, errors)
    contact = posting.contact
    if "contact" in changed and contact is not None and not _speaks_for(contact, posting):
        message = _("%(person)s is not an official of %(municipality)s.") % {
            "person": contact,
            "municipality": posting.municipality,
        }
        errors.setdefault("contact", []).append(message)
    if "external_id" in changed and posting.external_id:
        taken = type(posting).objects.filter(
            municipality=posting.municipality, external_id=posting.external_id
        )
        if taken.exclude(pk=posting.pk).exists():
            message = _("Another posting of your municipality has this id.")
            errors.setdefault("external_id", []).append(message)
    if errors:
        raise ValidationError(errors)


def _check_date(posting: Posting, changed: set[str], errors: dict[str, list]) -> None:
    """The needed-by or available-until date: not in the past, and not beyond what can be
    meant (2062 typed for 2026)."""
    date, field = posting.date, posting.date_field_name
    if field not in changed or date is None:
        return
    today = timezone.localdate()
    latest = _years_later(today, LATEST_DATE_YEARS)
    if date < today:
        message = _("This date is in the past.")
    elif date > latest:
        message = ngettext(
            "This date is more than %(years)d year ahead; the latest possible is %(date)s.",
            "This date is more than %(years)d years ahead; the latest possible is %(date)s.",
            LATEST_DATE_YEARS,
        ) % {"years": LATEST_DATE_YEARS, "date": date_format(latest)}
    else:
        return
    errors.setdefault(field, []).append(message)


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _save(posting: Posting, *fields: str) -> None:
    posting.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def posting_create(
    *, user: User, model: type[Posting], municipality: Municipality, publish: bool, **fields
) -> Posting:
    """Create a need or offer as a draft, then publish it (or submit it for approval)."""
    if not permissions.can_post_for(user, municipality):
        raise PermissionDenied
    _check_fields(model, fields)
    posting = model(municipality=municipality, created_by=user, **fields)
    if posting.contact_id is None:
        posting.contact = user
    _validate(posting, {*fields, "contact"})
    consume(NEW_POSTINGS, f"user:{user.pk}")
    posting.save()
    record(posting, Action.CREATED, user)
    mark_for_translation(posting)
    if publish:
        _publish_or_submit(posting, user)
    return posting


@transaction.atomic
def posting_update(*, user: User, posting: Posting, **fields) -> Posting:
    posting = posting.locked()
    if not permissions.can_edit(user, posting):
        raise PermissionDenied
    if posting.status in Posting.CLOSED_STATUSES:
        raise ValidationError(_("A closed posting cannot be edited."))
    return _edit(posting, user, fields)


@transaction.atomic
def posting_correct(*, admin: User, posting: Posting, **fields) -> Posting:
    """An admin's correction in the Django admin: closed postings too (a typo in a fulfilled
    need), kept in the history and rematched like an official's edit."""
    if not admin.is_staff:
        raise PermissionDenied
    return _edit(posting.locked(), admin, fields)


def _edit(posting: Posting, user: User, fields: dict) -> Posting:
    _check_fields(type(posting), fields)
    before = {name: getattr(posting, name) for name in fields}
    for name, value in fields.items():
        setattr(posting, name, value)
    changes = diff(before, fields)
    _validate(posting, changes)
    if changes:
        posting.save()
        record(posting, Action.EDITED, user, changes)
        if posting.status in Posting.OPEN_STATUSES:
            mark_for_matching(posting)
        if TEXT_FIELDS & changes.keys():
            mark_for_translation(posting)
    return posting


def _publish_or_submit(posting: Posting, user: User) -> None:
    if posting.municipality.approval_required and not permissions.can_approve(user, posting):
        posting.submitted_at = timezone.now()
        _save(posting, "submitted_at")
        record(posting, Action.SUBMITTED, user)
        return
    now = timezone.now()
    posting.status = Status.PUBLISHED
    posting.published_at = posting.published_at or now
    posting.last_confirmed_at = now
    posting.submitted_at = None
    _save(posting, "status", "published_at", "last_confirmed_at", "submitted_at")
    record(posting, Action.PUBLISHED, user)
    mark_for_matching(posting)


@transaction.atomic
def posting_publish(*, user: User, posting: Posting) -> Posting:
    """Publish a draft; where managers approve, an official's draft is submitted instead."""
    posting = posting.locked()
    if not permissions.can_edit(user, posting):
        raise PermissionDenied
    if posting.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    _publish_or_submit(posting, user)
    return posting


@transaction.atomic
def posting_approve(*, user: User, posting: Posting) -> Posting:
    posting = posting.locked()
    if not permissions.can_approve(user, posting):
        raise PermissionDenied
    if posting.status != Status.DRAFT or posting.submitted_at is None:
        raise ValidationError(_("Only a draft waiting for approval can be approved."))
    _publish_or_submit(posting, user)
    return posting


@transaction.atomic
def posting_withdraw(*, user: User, posting: Posting, reason: str = "") -> Posting:
    """Withdrawing keeps the record; the posting just stops being public."""
    posting = posting.locked()
    if not permissions.can_edit(user, posting):
        raise PermissionDenied
    if posting.status in Posting.CLOSED_STATUSES:
        raise ValidationError(_("This posting is already closed."))
    close_posting(posting, Status.WITHDRAWN, Action.WITHDRAWN, user, note=reason)
    return posting


def close_posting(
    posting: Posting, status: str, action: str, user: User | None, note: str = ""
) -> None:
    posting.status = status
    posting.closed_at = timezone.now()
    _save(posting, "status", "closed_at")
    record(posting, action, user, note=note)
    mark_for_matching(posting)


class Answer(models.TextChoices):
    """What a contact answers when asked whether a posting is still current."""

    STILL_CURRENT = "still-current", gettext_lazy("Still current")
    PARTLY_COVERED = "partly-covered", gettext_lazy("Partly covered, but still current")
    DONE = "done", gettext_lazy("Done: fully covered")


@transaction.atomic
def posting_confirm(
    *, posting: Posting, answer: str, user: User | None = None, authorised: bool = False
) -> Posting:
    """Still current / partly covered / done. `authorised` is for the signed one-click links,
    which stand in for a login."""
    posting = posting.locked()
    if not authorised and (user is None or not permissions.can_edit(user, posting)):
        raise PermissionDenied
    if answer not in Answer.values:
        raise ValidationError(_("Unknown answer."))
    if not posting.is_open:
        raise ValidationError(_("This posting is no longer open."))
    if answer == Answer.DONE:
        close_posting(posting, Status.FULFILLED, Action.FULFILLED, user)
        return posting
    posting.last_confirmed_at = timezone.now()
    posting.reminder_sent_at = None
    if answer == Answer.PARTLY_COVERED:
        posting.status = Status.PARTLY_COVERED
    _save(posting, "last_confirmed_at", "reminder_sent_at", "status")
    record(posting, Action.CONFIRMED, user, note=answer)
    mark_for_matching(posting)
    return posting
