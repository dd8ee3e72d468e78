"""Moderation: officials report postings, admins hide, restore or mark them reviewed."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import active_staff
from core.emails import queue_email_to_users
from municipalities.selectors import is_official
from postings.models import Posting, PostingReport
from postings.registry import posting_models
from postings.selectors import posting_contacts
from postings.services.history import record
from postings.services.lifecycle import Action
from postings.services.matching_queue import mark_for_matching

# Postings of municipalities verified this recently are looked at by a moderator.
NEWLY_VERIFIED = timedelta(days=30)


@transaction.atomic
def posting_report(*, user: User, posting: Posting, reason: str) -> PostingReport:
    if not is_official(user):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please say what is wrong with this posting.")})
    report = PostingReport.objects.create(
        content_type=ContentType.objects.get_for_model(posting),
        object_id=posting.pk,
        reporter=user,
        reason=reason,
    )
    posting.reviewed_at = None
    posting.save(update_fields=["reviewed_at", "updated_at"])
    return report


def _resolve_reports(posting: Posting, admin: User) -> None:
    PostingReport.objects.filter(
        content_type=ContentType.objects.get_for_model(posting),
        object_id=posting.pk,
        resolved_at__isnull=True,
    ).update(resolved_at=timezone.now(), resolved_by=admin)


def _require_staff(user: User) -> None:
    if not user.is_staff:
        raise PermissionDenied


@transaction.atomic
def posting_hide(*, admin: User, posting: Posting, reason: str) -> None:
    """Hide a posting from the public; its municipality is told why."""
    _require_staff(admin)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the municipality a reason.")})
    posting.hidden_at = timezone.now()
    posting.hidden_reason = reason
    posting.reviewed_at = timezone.now()
    posting.save(update_fields=["hidden_at", "hidden_reason", "reviewed_at", "updated_at"])
    _resolve_reports(posting, admin)
    record(posting, Action.HIDDEN, admin, note=reason)
    mark_for_matching(posting)
    queue_email_to_users(posting_contacts(posting), "posting_hidden", {"posting": posting})


@transaction.atomic
def posting_restore(*, admin: User, posting: Posting) -> None:
    _require_staff(admin)
    posting.hidden_at = None
    posting.hidden_reason = ""
    posting.reviewed_at = timezone.now()
    posting.save(update_fields=["hidden_at", "hidden_reason", "reviewed_at", "updated_at"])
    record(posting, Action.RESTORED, admin)
    mark_for_matching(posting)


@transaction.atomic
def posting_mark_reviewed(*, admin: User, posting: Posting) -> None:
    _require_staff(admin)
    posting.reviewed_at = timezone.now()
    posting.save(update_fields=["reviewed_at", "updated_at"])
    _resolve_reports(posting, admin)


def moderation_queue(model: type[Posting]) -> QuerySet[Posting]:
    """Postings with open reports, and unreviewed published postings of newly verified
    municipalities."""
    open_reports = PostingReport.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=OuterRef("pk"),
        resolved_at__isnull=True,
    )
    newly_verified = Q(
        status__in=Posting.OPEN_STATUSES,
        reviewed_at__isnull=True,
        municipality__status_changed_at__gte=timezone.now() - NEWLY_VERIFIED,
    )
    return model.objects.filter(Q(Exists(open_reports)) | newly_verified)


def send_moderation_digest() -> int:
    """Email every staff member how many postings wait for moderation (nothing if none)."""
    waiting = {
        model._meta.verbose_name_plural: moderation_queue(model).count()
        for model in posting_models()
    }
    if not any(waiting.values()):
        return 0
    staff = active_staff()
    day = timezone.localdate().isoformat()
    return queue_email_to_users(
        staff, "moderation_digest", {"waiting": waiting}, key=f"moderation-digest:{day}"
    )
