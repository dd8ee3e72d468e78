"""factory_boy factories for the platform's models, and the few helpers tests share to build
data and reach a match's pages."""

from datetime import date
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils import timezone

from accounts.models import User
from matching.models import Match
from municipalities.models import Invitation, JoinRequest, Membership, Municipality
from needs.models import Need
from offers.models import Offer
from partnerships.models import Partnership, PartnershipMember
from postings.models import HelpKind, Posting, Sector, Topic

PASSWORD = "a-Long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"official{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create: bool, extracted: bool | None, **kwargs) -> None:
        """Users have a verified primary email unless created with verified_email=False."""
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True

    @factory.post_generation
    def two_factor(self, create: bool, extracted: bool | None, **kwargs) -> None:
        """Staff have TOTP set up, as the admin requires, unless two_factor=False."""
        if create and extracted is not False:
            Authenticator.objects.create(
                user=self, type=Authenticator.Type.TOTP, data={"secret": "unused-in-tests"}
            )


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name_en = factory.Sequence(lambda n: f"Town {n}")
    slug = factory.Sequence(lambda n: f"town-{n}")
    country = "DE"
    region = "Bavaria"
    population = 50000
    languages = factory.LazyFunction(lambda: ["de", "en"])
    status = Municipality.Status.VERIFIED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Membership.Role.OFFICIAL


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    message = "I run the fire brigade's logistics."


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    municipality = factory.SubFactory(MunicipalityFactory)
    email = factory.Sequence(lambda n: f"colleague{n}@example.org")
    invited_by = factory.SubFactory(UserFactory)


def taxonomy(sector: str, topic: str, kind: str) -> dict:
    """A posting's taxonomy fields, from the slugs of the rows the data migration installs."""
    return {
        "sector": Sector.objects.get(slug=sector),
        "topic": Topic.objects.get(slug=topic),
        "help_kind": HelpKind.objects.get(slug=kind),
    }


class PostingFactory(factory.django.DjangoModelFactory):
    """Published by default; taxonomy rows come from the data migration."""

    class Meta:
        abstract = True

    municipality = factory.SubFactory(MunicipalityFactory)
    original_language = "en"
    title_en = factory.Sequence(lambda n: f"Hospital beds, batch {n}")
    description_en = "Beds with mattresses for the regional hospital."
    sector = factory.LazyFunction(lambda: Sector.objects.get(slug="health"))
    topic = factory.LazyFunction(lambda: Topic.objects.get(slug="medical-equipment"))
    help_kind = factory.LazyFunction(lambda: HelpKind.objects.get(slug="goods"))
    quantity = Decimal(20)
    unit = "beds"
    status = Posting.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    last_confirmed_at = factory.LazyFunction(timezone.now)


class NeedFactory(PostingFactory):
    class Meta:
        model = Need


class OfferFactory(PostingFactory):
    class Meta:
        model = Offer

    title_en = factory.Sequence(lambda n: f"Hospital beds to give, lot {n}")


def form_data(municipality, contact, /, **overrides) -> dict:
    """A valid POST for a posting's create form (the edit form ignores `municipality`);
    an override of None leaves the field out."""
    data = {
        "municipality": municipality.pk,
        "contact": contact.pk,
        "original_language": "en",
        "title": "Hospital beds for the regional hospital",
        "description": "Beds with mattresses, for 40 patients.",
        "sector": Sector.objects.get(slug="health").pk,
        "topic": Topic.objects.get(slug="medical-equipment").pk,
        "help_kind": HelpKind.objects.get(slug="goods").pk,
        "quantity": "20",
        "unit": "beds",
        "needed_by": "",
        "available_until": "",
        "logistics": "",
        "action": "draft",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


SAME_TOPIC = {"code": "same_topic", "topic": "medical-equipment"}
REASONS = [SAME_TOPIC, {"code": "quantity", "covered": 20, "of": 20.0, "unit": "beds"}]


class MatchFactory(factory.django.DjangoModelFactory):
    """A suggested match of the factories' default need and offer: same topic."""

    class Meta:
        model = Match

    need = factory.SubFactory(NeedFactory)
    offer = factory.SubFactory(OfferFactory)
    score = 0.8
    reasons = factory.LazyFunction(lambda: [dict(SAME_TOPIC)])


def match_url(match: Match, action: str = "", language: str = "en") -> str:
    return f"/{language}/matches/{match.pk}/{action + '/' if action else ''}"


def reload_match(match: Match) -> Match:
    """The match as stored now, with its need and offer."""
    return Match.objects.select_related("need", "offer").get(pk=match.pk)


class PartnershipFactory(factory.django.DjangoModelFactory):
    """PartnershipFactory(members=[a, b]) makes a and b its founding members (two new
    municipalities if not given)."""

    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    kind = Partnership.Kind.TWINNING
    started_on = date(2023, 5, 1)

    @factory.post_generation
    def members(self, create: bool, extracted: list[Municipality] | None, **kwargs) -> None:
        if create:
            for municipality in extracted or [MunicipalityFactory(), MunicipalityFactory()]:
                PartnershipMember.objects.create(partnership=self, municipality=municipality)
