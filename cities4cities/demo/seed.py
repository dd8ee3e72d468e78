"""Idempotent loading of the demo data: running it twice adds nothing twice."""

from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cities4cities.demo.municipalities import ADMIN_EMAIL, DEMO_PASSWORD, MUNICIPALITIES
from cities4cities.demo.partnerships import PARTNERSHIPS, PROPOSALS
from cities4cities.demo.postings import NEEDS, OFFERS
from core.languages import localized_field
from municipalities.models import Membership, Municipality
from needs.models import Need
from offers.models import Offer
from partnerships.models import Activity, Event, Partnership
from partnerships.services import partnership_propose, partnership_record
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
        "kind": data.get("kind", Municipality.Kind.MUNICIPALITY),
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


def _texts(field: str, texts: dict[str, str]) -> dict[str, str]:
    return {localized_field(field, code): text for code, text in texts.items()}


def _same_members(kind: str, slugs: list[str]) -> bool:
    """Whether the demo has this partnership already (by kind and members: its dates may
    differ in a database seeded by an older demo)."""
    for partnership in Partnership.objects.filter(
        kind=kind, municipalities__slug=slugs[0]
    ).prefetch_related("municipalities"):
        if {municipality.slug for municipality in partnership.municipalities.all()} == set(slugs):
            return True
    return False


def _cooperation(partnership: Partnership, data: dict) -> None:
    """A demo partnership's activities and events."""
    for activity in data["activities"]:
        Activity.objects.create(
            partnership=partnership,
            original_language=activity["language"],
            sector=Sector.objects.get(slug=activity["sector"]),
            status=activity["status"],
            started_on=activity["started_on"],
            ended_on=activity["ended_on"],
            **_texts("title", activity["titles"]),
            **_texts("description", activity.get("descriptions", {})),
            **_texts("outcome", activity.get("outcomes", {})),
        )
    for event in data["events"]:
        created = Event.objects.create(
            partnership=partnership,
            kind=event["kind"],
            original_language=event["language"],
            held_on=event["held_on"],
            place=event["place"],
            **_texts("topic", event["topics"]),
        )
        created.participants.set(Municipality.objects.filter(slug__in=event["participants"]))


def _partnerships() -> None:
    """Recorded as they exist: active, with their activities and events (written here
    directly, the demo's history, rather than through the services that a person uses)."""
    for data in PARTNERSHIPS:
        if _same_members(data["kind"], data["members"]):
            continue
        partnership = partnership_record(
            kind=data["kind"],
            started_on=data["started_on"],
            municipalities=list(Municipality.objects.filter(slug__in=data["members"])),
            sectors=list(Sector.objects.filter(slug__in=data["sectors"])),
            signed_on=data["signed_on"],
            languages=data["languages"],
            original_language=data["language"],
            **_texts("title", data["titles"]),
            **_texts("description", data["descriptions"]),
        )
        _cooperation(partnership, data)
    for data in PROPOSALS:
        if _same_members(data["kind"], [data["municipality"], *data["partners"]]):
            continue
        partnership_propose(
            user=User.objects.get(email=data["by"]),
            municipality=Municipality.objects.get(slug=data["municipality"]),
            partners=list(Municipality.objects.filter(slug__in=data["partners"])),
            kind=data["kind"],
            sectors=list(Sector.objects.filter(slug__in=data["sectors"])),
            languages=data["languages"],
            original_language=data["language"],
            **_texts("title", data["titles"]),
            **_texts("description", data["descriptions"]),
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
