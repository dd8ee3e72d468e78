"""The labelled set loaded into the evaluation's scratch database."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from matching_lab.evaluation.dataset import DatasetError, LabelledSet, PostingRow
from municipalities.models import Membership, Municipality
from needs.models import Need
from offers.models import Offer
from postings.models import HelpKind, Posting, Sector, Topic, written_in


@dataclass
class Loaded:
    """Primary keys of what was created, by the file's keys (and back)."""

    need_pks: dict[str, int]
    offer_pks: dict[str, int]

    @property
    def need_keys(self) -> dict[int, str]:
        return {pk: key for key, pk in self.need_pks.items()}

    @property
    def offer_keys(self) -> dict[int, str]:
        return {pk: key for key, pk in self.offer_pks.items()}


@transaction.atomic
def load_labelled_set(labelled: LabelledSet) -> Loaded:
    """Verified municipalities with a manager each, and their needs and offers, published."""
    managers: dict[str, Membership] = {}
    for row in labelled.municipalities:
        languages = labelled.languages_of(row.key)
        municipality = Municipality.objects.create(
            name=row.name,
            name_en=row.name,
            slug=slugify(row.key) or f"municipality-{len(managers)}",
            country=row.country,
            latitude=row.latitude,
            longitude=row.longitude,
            population=row.population,
            languages=languages,
            status=Municipality.Status.VERIFIED,
            status_changed_at=timezone.now(),
        )
        user = User.objects.create_user(
            email=f"manager{len(managers)}@evaluation.invalid",
            language=next((code for code in languages if code != "en"), "en"),
        )
        managers[row.key] = Membership.objects.create(
            user=user, municipality=municipality, role=Membership.Role.MANAGER
        )
    return Loaded(
        need_pks=_postings(Need, labelled.needs, managers),
        offer_pks=_postings(Offer, labelled.offers, managers),
    )


def _postings(
    model: type[Posting], rows: list[PostingRow], managers: dict[str, Membership]
) -> dict[str, int]:
    sectors = {entry.slug: entry for entry in Sector.objects.all()}
    topics = {entry.slug: entry for entry in Topic.objects.all()}
    kinds = {entry.slug: entry for entry in HelpKind.objects.all()}
    now = timezone.now()
    pks: dict[str, int] = {}
    for row in rows:
        membership = managers[row.municipality]
        posting = model(
            municipality=membership.municipality,
            original_language=row.language,
            **written_in(row.language, title=row.title, description=row.description),
            sector=sectors[row.sector],
            topic=topics[row.topic] if row.topic else None,
            help_kind=kinds[row.help_kind],
            quantity=row.quantity,
            unit=row.unit,
            **{model.date_field_name: row.day},
            status=Posting.Status.PUBLISHED,
            published_at=now,
            last_confirmed_at=now,
            created_by=membership.user,
            contact=membership.user,
        )
        try:
            posting.full_clean()
        except ValidationError as error:
            raise DatasetError(f"{model._meta.verbose_name} {row.key}: {error}") from None
        posting.save()
        pks[row.key] = posting.pk
    return pks
