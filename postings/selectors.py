"""Reads of needs and offers, with the joins that keep query counts constant."""

import re
from dataclasses import dataclass
from datetime import timedelta
from difflib import SequenceMatcher
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import JSONBAgg
from django.db.models import (
    Count,
    F,
    JSONField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import JSONObject, TruncMonth
from django.utils import timezone

from accounts.models import User
from municipalities.models import Membership, Municipality
from municipalities.selectors import managers_of
from postings import search
from postings.models import (
    TRANSLATIONS_ATTRIBUTE,
    Posting,
    PostingChange,
    PostingTranslation,
    Sector,
)

Status = Posting.Status
RELATED = ("municipality", "sector", "topic", "help_kind")
# A posting unconfirmed this long is stale: its contact is asked, then it expires.
REMIND_AFTER = timedelta(days=30)
EXPIRE_AFTER = timedelta(days=60)
SIMILARITY_THRESHOLD = 0.75


def _shown(model: type[Posting], statuses: tuple[str, ...]) -> QuerySet[Posting]:
    return model.objects.filter(
        status__in=statuses,
        hidden_at__isnull=True,
        municipality__status=Municipality.Status.VERIFIED,
    )


def public_postings(model: type[Posting]) -> QuerySet[Posting]:
    """What anyone may see: published, partly covered or fulfilled, not hidden, of a verified
    municipality."""
    return _shown(model, Posting.PUBLIC_STATUSES).select_related(*RELATED)


def postings_visible_to(model: type[Posting], user: User) -> QuerySet[Posting]:
    """Public postings for everyone; every posting of their municipalities for its members
    (drafts, hidden and closed ones too); everything for staff. The taxonomy is not joined:
    readers take its slugs from `taxonomy_slug`."""
    postings = model.objects.select_related("municipality", "contact")
    if user.is_authenticated and user.is_staff:
        return postings
    visible = Q(
        status__in=Posting.PUBLIC_STATUSES,
        hidden_at__isnull=True,
        municipality__status=Municipality.Status.VERIFIED,
    )
    if user.is_authenticated:
        visible |= Q(municipality__in=Membership.objects.filter(user=user).values("municipality"))
    return postings.filter(visible)


_taxonomy_slugs: dict[type[Model], dict[int, str]] = {}


def taxonomy_slug(model: type[Model], pk: int) -> str:
    """The slug of a sector, topic or kind of help by its id. Slugs never change and entries
    are only added, so each process keeps the table and reads it again when an id is new."""
    slugs = _taxonomy_slugs.get(model, {})
    if pk not in slugs:
        slugs = _taxonomy_slugs[model] = dict(model.objects.values_list("pk", "slug"))
    return slugs[pk]


def matchable(model: type[Posting]) -> QuerySet[Posting]:
    """What takes part in matching: open, not hidden, of a verified municipality."""
    return _shown(model, Posting.OPEN_STATUSES)


def posting_contacts(posting: Posting, managers: dict[int, list[User]] | None = None) -> list[User]:
    """Who speaks for a posting, in reminders, moderation, match and conversation emails and on
    the match page: its contact person while active, else its municipality's active managers.
    `managers` caches them by municipality across calls."""
    if posting.contact is not None and posting.contact.is_active:
        return [posting.contact]
    managers = {} if managers is None else managers
    if posting.municipality_id not in managers:
        managers[posting.municipality_id] = list(managers_of(posting.municipality).order_by("pk"))
    return managers[posting.municipality_id]


@dataclass(frozen=True)
class PostingFilters:
    q: str = ""
    sector: str = ""
    topic: str = ""
    help_kind: str = ""
    country: str = ""
    municipality: str = ""
    status: str = ""
    language: str = ""
    sort: str = "newest"


def translations_prefetch(language: str | None = None, prefix: str = "") -> Prefetch:
    """The machine translations a posting shows (Posting.shown), into `language` (None: every
    language), of the postings under `prefix` ("need__" from a match): one query."""
    translations = PostingTranslation.objects.defer("search_document")  # only PostgreSQL reads it
    if language is not None:
        translations = translations.filter(language=language)
    return Prefetch(f"{prefix}translations", translations, to_attr=TRANSLATIONS_ATTRIBUTE)


class _TranslationRows(JSONField):
    """A posting's translations aggregated as JSON in its own row, read back as the
    PostingTranslation objects that translations_prefetch() gives."""

    def from_db_value(self, value, expression, connection) -> list[PostingTranslation]:
        rows = super().from_db_value(value, expression, connection) or []
        return [PostingTranslation(**row) for row in rows]


def with_translations_in_row(postings: QuerySet[Posting]) -> QuerySet[Posting]:
    """translations_prefetch() without its second query: each posting's translations come
    with its row, from a subquery (for the API's pages, where the query to build, send and
    match up was a tenth of a 50-row list's time)."""
    content_type = ContentType.objects.get_for_model(postings.model)
    return postings.annotate(**{TRANSLATIONS_ATTRIBUTE: _translation_rows(content_type.pk)})


@cache
def _translation_rows(content_type_id: int) -> Subquery:
    """Built once per kind of posting: a query copies the expressions it is given."""
    rows = (
        PostingTranslation.objects.filter(content_type_id=content_type_id, object_id=OuterRef("pk"))
        .values("object_id")
        .annotate(
            rows=JSONBAgg(
                JSONObject(
                    field="field",
                    language="language",
                    text="text",
                    source="source",
                    machine="machine",
                )
            )
        )
        .values("rows")
    )
    return Subquery(rows, output_field=_TranslationRows())


def with_translations(postings: list[Posting], language: str | None = None) -> list[Posting]:
    """translations_prefetch for postings already loaded, needs and offers mixed."""
    by_model: dict[type[Posting], list[Posting]] = {}
    for posting in postings:
        if TRANSLATIONS_ATTRIBUTE not in posting.__dict__:
            by_model.setdefault(type(posting), []).append(posting)
    for group in by_model.values():
        prefetch_related_objects(group, translations_prefetch(language))
    return postings


def search_postings(model: type[Posting], filters: PostingFilters) -> QuerySet[Posting]:
    postings = public_postings(model).defer("search_document")  # only PostgreSQL reads it
    exact = {
        "sector__slug": filters.sector,
        "topic__slug": filters.topic,
        "help_kind__slug": filters.help_kind,
        "municipality__country": filters.country,
        "municipality__slug": filters.municipality,
        "status": filters.status,
        "original_language": filters.language,
    }
    postings = postings.filter(**{field: value for field, value in exact.items() if value})
    searching = search.text_query(filters.q) is not None
    if searching:
        postings = search.search(postings, filters.q)
    if filters.sort == "deadline":
        date = F(model.date_field_name)
        return postings.order_by(date.asc(nulls_last=True), "-published_at", "-pk")
    if filters.sort == "relevance" and searching:
        return postings.order_by("-relevance", "-published_at", "-pk")
    return postings.order_by("-published_at", "-pk")


def posting_for_reader(model: type[Posting], pk: int) -> Posting | None:
    return model.objects.select_related(*RELATED, "contact").filter(pk=pk).first()


def posting_translations(posting: Posting, language: str) -> list[PostingTranslation]:
    """The posting's machine translations into `language` (corrected ones too), in the order
    of its texts."""
    order = {field: number for number, field in enumerate(PostingTranslation.Field.values)}
    rows = posting.translations.filter(language=language)
    return sorted(rows, key=lambda row: order[row.field])


def posting_history(posting: Posting) -> QuerySet[PostingChange]:
    return PostingChange.objects.filter(
        content_type__app_label=posting._meta.app_label,
        content_type__model=posting._meta.model_name,
        object_id=posting.pk,
    ).select_related("user")


def municipality_postings(model: type[Posting], municipality: Municipality) -> QuerySet[Posting]:
    return model.objects.filter(municipality=municipality).select_related(*RELATED)


def unconfirmed_for(postings: QuerySet[Posting], period: timedelta) -> QuerySet[Posting]:
    """Open postings nobody has confirmed as current for `period`."""
    return postings.filter(
        status__in=Posting.OPEN_STATUSES, last_confirmed_at__lt=timezone.now() - period
    )


def awaiting_confirmation(postings: QuerySet[Posting]) -> QuerySet[Posting]:
    return unconfirmed_for(postings, REMIND_AFTER)


def awaiting_approval(postings: QuerySet[Posting]) -> QuerySet[Posting]:
    return postings.filter(status=Status.DRAFT, submitted_at__isnull=False)


# A municipality's postings in groups: drafts, drafts submitted for approval (drafts with a
# submission date), then one group per other status.
SUBMITTED = "submitted"
POSTING_GROUPS = {
    Status.DRAFT: Q(status=Status.DRAFT, submitted_at__isnull=True),
    SUBMITTED: Q(status=Status.DRAFT, submitted_at__isnull=False),
    **{status: Q(status=status) for status in Status if status != Status.DRAFT},
}


def group_of(posting: Posting) -> str:
    if posting.status == Status.DRAFT and posting.submitted_at is not None:
        return SUBMITTED
    return posting.status


def group_counts(postings: QuerySet[Posting]) -> dict[str, int]:
    """Every group's size in one query."""
    return postings.order_by().aggregate(
        **{key: Count("pk", filter=condition) for key, condition in POSTING_GROUPS.items()}
    )


def grouped_postings(postings: QuerySet[Posting], closed_shown: int) -> dict[str, list[Posting]]:
    """Each group's postings: every current one, most recently changed first, and the
    `closed_shown` most recently closed (closed postings are history), in two queries."""
    groups: dict[str, list[Posting]] = {key: [] for key in POSTING_GROUPS}
    current = postings.exclude(status__in=Posting.CLOSED_STATUSES).order_by("-updated_at", "-pk")
    closed = postings.filter(status__in=Posting.CLOSED_STATUSES).order_by(
        F("closed_at").desc(nulls_last=True), "-pk"
    )
    for posting in [*current, *closed[:closed_shown]]:
        groups[group_of(posting)].append(posting)
    return groups


def sectors_by_slug(slugs: set[str]) -> QuerySet[Sector]:
    return Sector.objects.filter(slug__in=slugs).order_by("position", "slug")


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def similar_postings(
    model: type[Posting], municipality: Municipality, title: str, exclude_pk: int | None = None
) -> list[Posting]:
    """The municipality's own drafts and open postings whose title reads almost the same.

    A municipality has tens of open postings, not thousands, so comparing titles in Python is
    cheap and catches reordered words and typos that a word search would miss."""
    wanted = _normalised(title)
    if not wanted:
        return []
    candidates = model.objects.filter(
        municipality=municipality, status__in=(Status.DRAFT, *Posting.OPEN_STATUSES)
    ).exclude(pk=exclude_pk)
    return [
        posting
        for posting in candidates
        if max(
            SequenceMatcher(None, wanted, _normalised(posting.text("title", code))).ratio()
            for code in {posting.original_language, "en"}
        )
        >= SIMILARITY_THRESHOLD
    ]


def open_counts_by(model: type[Posting], field: str) -> dict[str, int]:
    """{value: number of open public postings} for a field such as `sector__slug`."""
    rows = (
        public_postings(model)
        .filter(status__in=Posting.OPEN_STATUSES)
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
    )
    return {row[field]: row["count"] for row in rows}


def fulfilled_by_month(model: type[Posting], months: int = 12) -> dict:
    since = timezone.now() - timedelta(days=31 * months)
    rows = (
        public_postings(model)
        .filter(status=Status.FULFILLED, closed_at__gte=since)
        .annotate(month=TruncMonth("closed_at"))
        .order_by()
        .values("month")
        .annotate(count=Count("pk"))
    )
    return {row["month"].date(): row["count"] for row in rows}
