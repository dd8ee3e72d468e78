"""Machine translation of needs and offers: the worker translates every text of a posting into
every other interface language after it is saved (never in a request), never over a text a
person wrote; an official of the posting's municipality may correct what the machine wrote.
"""

import logging
from datetime import timedelta

from celery import current_app
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import translation
from core.languages import LANGUAGE_CODES, localized_field, localized_fields
from postings import permissions
from postings.models import (
    MACHINE_TRANSLATED_FIELDS,
    TRANSLATED_FIELDS,
    Posting,
    PostingChange,
    PostingTranslation,
)
from postings.services.history import record
from postings.services.pending import Pending

logger = logging.getLogger(__name__)

TRANSLATION = Pending(
    "translation_pending", "translation_requested_at", "postings.tasks.translate_posting"
)
# Told when a posting's translations are done: its match emails were held for them.
ANNOUNCE_TASK = "matching.tasks.announce_matches_of"
# How long emails about a posting wait for its translation; after that they go out anyway.
HOLD_FOR_TRANSLATION = timedelta(minutes=10)
# A refusal (a bad key, a language the service lacks) is not fixed by asking again soon.
RETRY_REFUSED_AFTER = timedelta(days=1)
# The fields whose change makes the translations out of date.
TEXT_FIELDS = frozenset(
    {"original_language", "logistics", "unit", *localized_fields(*TRANSLATED_FIELDS)}
)


def mark_for_translation(posting: Posting) -> None:
    """After a posting's texts changed, in the same transaction: the worker translates them
    after commit (or, if that task is lost, the sweep does later)."""
    if translation.is_configured():
        TRANSLATION.mark(posting)
    else:  # nothing to enqueue; the flag waits for a backend to be set up
        type(posting).objects.filter(pk=posting.pk).update(translation_pending=True)


def awaiting_translation(posting: Posting) -> bool:
    """Whether emails about the posting should wait a little for its translations."""
    requested = posting.translation_requested_at
    return (
        posting.translation_pending
        and requested is not None
        and timezone.now() - requested < HOLD_FOR_TRANSLATION
        and translation.is_configured()
    )


def _translations_of(posting: Posting) -> dict[tuple[str, str], PostingTranslation]:
    rows = PostingTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(posting), object_id=posting.pk
    )
    return {(row.field, row.language): row for row in rows}


def _written_by_a_person(posting: Posting, existing: dict, field: str, language: str) -> bool:
    """The author's own translation (title_de...), or an official's correction."""
    if field in TRANSLATED_FIELDS and getattr(posting, localized_field(field, language), ""):
        return True
    row = existing.get((field, language))
    return row is not None and not row.machine


def _wanted(posting: Posting, existing: dict, language: str) -> list[str]:
    """The fields to translate into `language`: those with a text, no translation by a person
    and no machine translation of the current text."""
    fields = []
    for field in MACHINE_TRANSLATED_FIELDS:
        original = posting.original(field)
        row = existing.get((field, language))
        if not original or _written_by_a_person(posting, existing, field, language):
            continue
        if row is None or not row.translates(original):
            fields.append(field)
    return fields


def posting_translate(posting: Posting) -> int:
    """Translate what is missing or out of date, one request per language. Returns how many
    texts were stored. A backend that is down raises TranslationUnavailable after storing the
    languages done so far: the task retries, and the originals are shown meanwhile."""
    backend = translation.backend()
    if not backend.configured:
        return 0
    started = timezone.now()
    existing = _translations_of(posting)
    stored, complete = 0, True
    for language in LANGUAGE_CODES:
        fields = _wanted(posting, existing, language)
        if language == posting.original_language or not fields:
            continue
        originals = [posting.original(field) for field in fields]
        try:
            result = backend.translate(originals, target=language, source=posting.original_language)
        except translation.TranslationUnavailable:
            raise
        except translation.TranslationError as error:  # refused: the sweep tries again in a day
            logger.warning("Translating %s into %s was refused: %s", posting, language, error)
            complete = False
            continue
        pairs = zip(originals, result.texts, strict=True)
        stored += _store(posting, language, dict(zip(fields, pairs, strict=True)))
    if not complete:
        TRANSLATION.retry_later(type(posting), posting.pk, started, RETRY_REFUSED_AFTER)
    else:
        TRANSLATION.done(type(posting), [posting.pk], started)
        announce = current_app.tasks.get(ANNOUNCE_TASK)
        if announce is not None:
            announce.delay_on_commit(posting._meta.label_lower, posting.pk)
    return stored


@transaction.atomic
def _store(posting: Posting, language: str, results: dict[str, tuple[str, str]]) -> int:
    """Store machine translations {field: (original, translated)} of the posting as it is now:
    not where the original changed meanwhile, nor where a person wrote one meanwhile."""
    current = posting.locked()
    existing = _translations_of(current)
    content_type = ContentType.objects.get_for_model(current)
    stored = 0
    for field, (original, translated) in results.items():
        translated = translated.strip()
        if not translated or current.original(field) != original:
            continue
        if _written_by_a_person(current, existing, field, language):
            continue
        PostingTranslation.objects.update_or_create(
            content_type=content_type,
            object_id=current.pk,
            field=field,
            language=language,
            defaults={"text": translated, "source": PostingTranslation.digest(original)},
        )
        stored += 1
    if stored:  # API clients mirror the translations: the posting changed for them
        type(current).objects.filter(pk=current.pk).update(updated_at=timezone.now())
    return stored


@transaction.atomic
def posting_correct_translation(
    *, user: User, posting: Posting, language: str, texts: dict[str, str]
) -> Posting:
    """An official of the posting's municipality corrects machine translations into
    `language`: the corrected texts are theirs from now on (the worker leaves them), and the
    change is recorded in the history. Texts left as the machine wrote them stay machine's."""
    posting = posting.locked()
    if not permissions.can_edit(user, posting):
        raise PermissionDenied
    existing = _translations_of(posting)
    errors, changes = {}, {}
    now = timezone.now()
    for field, text in texts.items():
        row = existing.get((field, language))
        if row is None:
            raise ValidationError(_("There is no machine translation of this text to correct."))
        text = (text or "").strip()
        limit = Posting._meta.get_field(field).max_length
        if not text:
            errors[field] = _("Please write the translation, or leave it as it was.")
        elif len(text) > limit:
            errors[field] = _("At most %(max)d characters.") % {"max": limit}
        elif text != row.text:
            changes[field] = [row.text, text]
            row.text, row.machine, row.corrected_by, row.corrected_at = text, False, user, now
            row.source = PostingTranslation.digest(posting.original(field))
            row.save()
    if errors:
        raise ValidationError(errors)
    if changes:
        record(posting, PostingChange.Action.TRANSLATION_CORRECTED, user, changes, note=language)
        posting.save(update_fields=["updated_at"])
    return posting
