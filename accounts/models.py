import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken

from core.text import clean_fields

PHONE_DIGITS = range(6, 21)


def validate_phone(value: str) -> None:
    """Loosely: numbers are written in many ways ("+49 (0)711 3512-0"), so only the characters
    and the count of digits are checked."""
    digits = sum(character.isdigit() for character in value)
    if not re.fullmatch(r"[0-9 +\-()]+", value) or digits not in PHONE_DIGITS:
        raise ValidationError(
            _("Write the number with 6 to 20 digits; spaces, +, - and brackets are fine."),
            code="invalid_phone",
        )


class EmailUserManager(UserManager):
    """Users are identified by email; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):  # type: ignore[override]
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    class MatchEmails(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately, one email per match")
        DAILY = "daily", _("Once a day, as a digest")
        OFF = "off", _("Never")

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the interface and of the emails you receive."),
    )
    match_emails = models.CharField(
        _("emails about new matches"),
        max_length=16,
        choices=MatchEmails,
        default=MatchEmails.IMMEDIATELY,
        help_text=_("For the needs and offers you are the contact person of."),
    )
    function = models.CharField(
        _("function"),
        max_length=150,
        blank=True,
        help_text=_("What you do at your municipality, e.g. “Head of the fire brigade”."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text=_("Shown to officials of other cities where you are the contact person."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        super().clean()
        clean_fields(self, labels=["first_name", "last_name", "function"])

    @property
    def display_name(self) -> str:
        return str(self)


class ApiTokenDetails(models.Model):
    """What the account page shows of an API token besides django-rest-knox's own record (its
    SHA-512 digest, first characters, user and expiry): its name and when it was last used."""

    token = models.OneToOneField(
        AuthToken, primary_key=True, on_delete=models.CASCADE, related_name="details"
    )
    name = models.CharField(_("name"), max_length=100)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name
