from allauth.account.models import EmailAddress

from accounts.models import User


def has_verified_email(user: User) -> bool:
    """Nothing can be posted or registered before the user has confirmed an address."""
    return EmailAddress.objects.filter(user=user, verified=True).exists()
