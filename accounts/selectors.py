from allauth.account.models import EmailAddress
from django.db.models import QuerySet

from accounts.models import User


def has_verified_email(user: User) -> bool:
    """Nothing can be posted or registered before the user has confirmed an address."""
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def active_staff() -> QuerySet[User]:
    """The platform's administrators, who verify municipalities and moderate."""
    return User.objects.filter(is_staff=True, is_active=True)
