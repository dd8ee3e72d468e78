"""Everything that changes municipalities, memberships, join requests and invitations.

Each function is one transaction and checks the permissions it relies on, so views, admin
actions and commands can all call it.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.selectors import active_staff, has_verified_email
from core.emails import queue_email, queue_email_to_users
from core.languages import localized_fields
from municipalities.models import (
    INVITATION_VALIDITY,
    Invitation,
    JoinRequest,
    Membership,
    Municipality,
)
from municipalities.selectors import is_manager_of, managers_of, membership_of

# What managers may edit; verification state and slug are not theirs to change.
PROFILE_FIELDS = frozenset(
    {
        *localized_fields("name", "description"),
        "kind",
        "country",
        "region",
        "latitude",
        "longitude",
        "population",
        "website",
        "languages",
        "approval_required",
    }
)


def _only_profile_fields(fields: dict) -> None:
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"Not profile fields: {', '.join(sorted(unknown))}")


def _require_verified_email(user: User) -> None:
    if not has_verified_email(user):
        raise PermissionDenied


def _require_manager_or_staff(user: User, municipality: Municipality) -> None:
    """Managers look after their municipality; platform admins after every one."""
    if not (user.is_staff or is_manager_of(user, municipality)):
        raise PermissionDenied


def _unique_slug(name: str) -> str:
    base = slugify(name)[:150] or "municipality"
    slug, suffix = base, 2
    while Municipality.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _check_pending_registrations(user: User) -> None:
    """A user may have a few registrations waiting for review, not a flood of them. Their row
    is locked, so that registrations sent at once are counted one after the other."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    limit = settings.PENDING_REGISTRATIONS_PER_USER
    pending = Municipality.objects.filter(registered_by=user, status=Municipality.Status.PENDING)
    if pending.count() >= limit:
        raise ValidationError(
            ngettext(
                "You have %(count)d municipality waiting for review. Please wait until an "
                "administrator has looked at it before registering another one.",
                "You have %(count)d municipalities waiting for review. Please wait until an "
                "administrator has looked at them before registering another one.",
                limit,
            )
            % {"count": limit},
            code="limit_reached",
        )


@transaction.atomic
def municipality_register(*, user: User, **fields) -> Municipality:
    """A user registers a new municipality; they become its first manager, pending review."""
    _require_verified_email(user)
    _only_profile_fields(fields)
    _check_pending_registrations(user)
    municipality = Municipality(registered_by=user, **fields)
    municipality.slug = _unique_slug(municipality.name_en or municipality.name)
    municipality.full_clean()
    municipality.save()
    Membership.objects.create(user=user, municipality=municipality, role=Membership.Role.MANAGER)
    queue_email_to_users(
        active_staff(),
        "municipality_registered",
        {"municipality": municipality},
        key=f"municipality:{municipality.pk}:registered",
    )
    return municipality


@transaction.atomic
def municipality_create(*, admin: User, slug: str = "", **fields) -> Municipality:
    """An admin records a municipality; like a registered one it waits for verification."""
    if not admin.is_staff:
        raise PermissionDenied
    _only_profile_fields(fields)
    municipality = Municipality(**fields)
    municipality.slug = slug or _unique_slug(municipality.name_en or municipality.name)
    municipality.full_clean()
    municipality.save()
    return municipality


@transaction.atomic
def municipality_update(*, user: User, municipality: Municipality, **fields) -> Municipality:
    _require_manager_or_staff(user, municipality)
    _only_profile_fields(fields)
    for name, value in fields.items():
        setattr(municipality, name, value)
    municipality.full_clean(exclude=["slug"])
    municipality.save()
    return municipality


def _decide(municipality: Municipality, admin: User, status: str, reason: str = "") -> None:
    if not admin.is_staff:
        raise PermissionDenied
    municipality.status = status
    municipality.status_changed_at = timezone.now()
    municipality.status_changed_by = admin
    municipality.rejection_reason = reason
    municipality.save(
        update_fields=[
            "status",
            "status_changed_at",
            "status_changed_by",
            "rejection_reason",
            "updated_at",
        ]
    )
    queue_email_to_users(
        managers_of(municipality),
        f"municipality_{status}",
        {"municipality": municipality, "support_email": settings.SUPPORT_EMAIL},
    )


@transaction.atomic
def municipality_verify(*, admin: User, municipality: Municipality) -> None:
    _decide(municipality, admin, Municipality.Status.VERIFIED)


@transaction.atomic
def municipality_reject(*, admin: User, municipality: Municipality, reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": _("Please give the municipality a reason.")})
    _decide(municipality, admin, Municipality.Status.REJECTED, reason.strip())


@transaction.atomic
def join_request_create(
    *, user: User, municipality: Municipality, message: str = ""
) -> JoinRequest:
    _require_verified_email(user)
    if membership_of(user, municipality) is not None:
        raise ValidationError(_("You are already a member of this municipality."))
    if not municipality.is_verified:
        # Not public yet: its managers bring colleagues in by invitation.
        raise ValidationError(
            _("Only verified municipalities can be joined. Ask its manager for an invitation.")
        )
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                user=user, municipality=municipality, message=message
            )
    except IntegrityError:
        raise ValidationError(_("Your request to join is already waiting for a manager.")) from None
    queue_email_to_users(
        managers_of(municipality),
        "join_request_created",
        {"join_request": join_request},
        key=f"join_request:{join_request.pk}:created",
    )
    return join_request


def _decide_join_request(manager: User, join_request: JoinRequest, status: str) -> None:
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    _require_manager_or_staff(manager, join_request.municipality)
    if join_request.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    join_request.status = status
    join_request.decided_by = manager
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    if status == JoinRequest.Status.APPROVED:
        Membership.objects.get_or_create(
            user=join_request.user, municipality=join_request.municipality
        )
    queue_email_to_users(
        [join_request.user],
        f"join_request_{status}",
        {"join_request": join_request},
        key=f"join_request:{join_request.pk}:{status}",
    )


@transaction.atomic
def join_request_approve(*, manager: User, join_request: JoinRequest) -> None:
    _decide_join_request(manager, join_request, JoinRequest.Status.APPROVED)


@transaction.atomic
def join_request_decline(*, manager: User, join_request: JoinRequest) -> None:
    _decide_join_request(manager, join_request, JoinRequest.Status.DECLINED)


def check_invitation(municipality: Municipality, email: str) -> None:
    if municipality.memberships.filter(user__email__iexact=email.strip()).exists():
        raise ValidationError({"email": _("This person is already a member.")})


@transaction.atomic
def invitation_send(
    *, manager: User, municipality: Municipality, email: str, role: str = Membership.Role.OFFICIAL
) -> Invitation:
    """Invite a colleague by email; inviting the same address again renews the invitation."""
    _require_manager_or_staff(manager, municipality)
    email = email.strip().lower()
    check_invitation(municipality, email)
    invitation = Invitation.objects.filter(
        municipality=municipality, email=email, accepted_at__isnull=True
    ).first() or Invitation(municipality=municipality, email=email)
    invitation.role = role
    invitation.invited_by = manager
    invitation.token = Invitation._meta.get_field("token").default()
    invitation.expires_at = timezone.now() + INVITATION_VALIDITY
    invitation.full_clean()
    invitation.save()
    # The invitee may have no account yet: write in the inviting manager's language.
    queue_email(
        to=invitation.email,
        language=manager.language,
        template="invitation",
        context={"invitation": invitation},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> Membership:
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("municipality")
        .filter(token=token)
        .first()
    )
    if invitation is None or not invitation.is_open:
        raise ValidationError(_("This invitation is no longer valid. Ask for a new one."))
    if (
        user.email.lower() != invitation.email
        and not user.emailaddress_set.filter(email__iexact=invitation.email, verified=True).exists()
    ):
        raise ValidationError(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_by", "accepted_at"])
    membership, created = Membership.objects.get_or_create(
        user=user, municipality=invitation.municipality, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.MANAGER and not membership.is_manager:
        membership.role = Membership.Role.MANAGER
        membership.save(update_fields=["role"])
    JoinRequest.objects.filter(
        user=user, municipality=invitation.municipality, status=JoinRequest.Status.PENDING
    ).update(status=JoinRequest.Status.APPROVED, decided_at=timezone.now())
    return membership


@transaction.atomic
def invitation_revoke(*, manager: User, invitation: Invitation) -> None:
    """An open invitation withdrawn: its link stops working."""
    _require_manager_or_staff(manager, invitation.municipality)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    invitation.delete()


def check_a_manager_remains(municipality: Municipality, roles: dict[int, str | None]) -> None:
    """`roles`: user id → role after a change (None: no longer a member), for the memberships
    that change. A municipality that has a manager keeps one: somebody must answer join
    requests and approve postings."""
    current = dict(municipality.memberships.values_list("user_id", "role"))
    after = {**current, **roles}
    had = Membership.Role.MANAGER in current.values()
    if had and Membership.Role.MANAGER not in after.values():
        raise ValidationError(_("A municipality needs at least one manager."))


@transaction.atomic
def membership_set(
    *, manager: User, municipality: Municipality, user: User, role: str
) -> Membership:
    """Add a member with a role, or change a member's role."""
    _require_manager_or_staff(manager, municipality)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    check_a_manager_remains(municipality, {user.pk: role})
    membership, _created = Membership.objects.update_or_create(
        user=user, municipality=municipality, defaults={"role": role}
    )
    return membership


@transaction.atomic
def membership_remove(*, manager: User, membership: Membership) -> None:
    _require_manager_or_staff(manager, membership.municipality)
    check_a_manager_remains(membership.municipality, {membership.user_id: None})
    membership.delete()
