"""Idempotent loading of the demo data: running it twice adds nothing twice."""

from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cities4cities.demo.municipalities import ADMIN_EMAIL, DEMO_PASSWORD, MUNICIPALITIES
from cities4cities.demo.partnerships import PARTNERSHIPS
from cities4cities.demo.postings import NEEDS, OFFERS
from core.languages import localized_field
from municipalities.models import Membership, Municipality
from needs.models import Need
from offers.models import Offer
from partnerships.models import Partnership
from partnerships.services import partnership_record
from postings.models import HelpKind, Posting, Sector, Topic, written_in
from postings.services.lifecycle import posting_create


def _user(email: str, first_name: str, last_name: str, language: str, **extra) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"first_name": first_name, "last_name": last_name, "language": language, **extra},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _municipality(data: dict, admin: User) -> Municipality:
    fields = {
        "country": data["country"],
        "region": data["region"],
        "latitude": Decimal(data["latitude"]),
        "longitude": Decimal(data["longitude"]),
        "population": data["population"],
        "website": data["website"],
        "languages": data["languages"],
        "status": data.get("status", Municipality.Status.VERIFIED),
    }
    for field, texts in (("name", data["names"]), ("description", data["descriptions"])):
        fields.update({localized_field(field, code): text for code, text in texts.items()})
    if fields["status"] == Municipality.Status.VERIFIED:
        fields.update(status_changed_by=admin, status_changed_at=timezone.now())
    municipality, _created = Municipality.objects.get_or_create(slug=data["slug"], defaults=fields)
    return municipality


@transaction.atomic
def seed_demo() -> list[tuple[str, str]]:
    """Create the demo set; return (email, role description) of every demo login."""
    admin = _user(ADMIN_EMAIL, "Platform", "Admin", "en", is_staff=True, is_superuser=True)
    logins = [(ADMIN_EMAIL, "platform admin")]
    for data in MUNICIPALITIES:
        municipality = _municipality(data, admin)
        for email, first_name, last_name, language, role in data["officials"]:
            user = _user(email, first_name, last_name, language)
            Membership.objects.get_or_create(
                user=user, municipality=municipality, defaults={"role": role}
            )
            logins.append((email, f"{role}, {data['names']['en']}"))
    _postings(Need, NEEDS)
    _postings(Offer, OFFERS)
    _partnerships()
    return logins


def _partnerships() -> None:
    for kind, started_on, slugs in PARTNERSHIPS:
        if Partnership.objects.filter(
            kind=kind, started_on=started_on, municipalities__slug=slugs[0]
        ).exists():
            continue
        partnership_record(
            kind=kind,
            started_on=started_on,
            municipalities=list(Municipality.objects.filter(slug__in=slugs)),
        )


def _postings(model: type[Posting], rows: list[tuple]) -> None:
    for row in rows:
        slug, email, language, title, description, sector, topic, kind, quantity, unit, notes = row
        title_field = localized_field("title", language)
        if model.objects.filter(**{title_field: title}).exists():
            continue
        posting_create(
            user=User.objects.get(email=email),
            model=model,
            municipality=Municipality.objects.get(slug=slug),
            publish=True,
            original_language=language,
            **written_in(language, title=title, description=description),
            sector=Sector.objects.get(slug=sector),
            topic=Topic.objects.get(slug=topic),
            help_kind=HelpKind.objects.get(slug=kind),
            quantity=quantity,
            unit=unit,
            logistics=notes,
        )
