"""The engine ranks the right offer first, keeps one Match per pair, follows edits and closures."""

import subprocess
import sys

import pytest
from django.conf import settings

from matching.engine.pipeline import match_posting
from matching.models import Match
from matching.tasks import sweep_pending_matching
from postings.services import lifecycle
from tests.factories import NeedFactory, OfferFactory, taxonomy

pytestmark = pytest.mark.django_db


@pytest.fixture
def beds_need(municipality):
    return NeedFactory(
        municipality=municipality,
        original_language="uk",
        title_en="",
        description_en="",
        title_uk="Потрібні лікарняні ліжка для обласної лікарні",
        description_uk="Двадцять функціональних ліжок з матрацами.",
        **taxonomy("health", "medical-equipment", "goods"),
    )


@pytest.fixture
def offers(other_municipality):
    return {
        "beds": OfferFactory(
            municipality=other_municipality,
            original_language="de",
            title_en="",
            description_en="",
            title_de="Krankenhausbetten abzugeben",
            description_de="Zwanzig Pflegebetten mit Matratzen aus einem Klinikum.",
            **taxonomy("health", "medical-equipment", "goods"),
        ),
        "fire": OfferFactory(
            municipality=other_municipality,
            original_language="de",
            title_en="",
            description_en="",
            title_de="Feuerwehrausrüstung",
            description_de="Schutzanzüge, Helme und Atemschutzgeräte.",
            quantity=30,
            unit="Sätze",
            **taxonomy("civil-protection", "firefighting", "goods"),
        ),
    }


def test_the_right_offer_ranks_first_across_languages(beds_need, offers):
    match_posting(beds_need)
    ranked = list(Match.objects.filter(need=beds_need).order_by("-score"))
    assert ranked[0].offer == offers["beds"]
    codes = {reason["code"] for reason in ranked[0].reasons}
    assert {"same_topic", "same_kind"} <= codes
    assert all(match.offer != offers["fire"] or match.score < ranked[0].score for match in ranked)


def test_rerunning_updates_in_place_without_duplicates(beds_need, offers):
    first = match_posting(beds_need)
    before = dict(Match.objects.filter(need=beds_need).values_list("offer_id", "score"))
    second = match_posting(beds_need)
    after = dict(Match.objects.filter(need=beds_need).values_list("offer_id", "score"))
    assert first, "the first run finds new matches"
    assert not second, "a second run finds none"
    assert before == after


def test_a_dismissed_pair_is_never_suggested_again(beds_need, offers):
    match_posting(beds_need)
    Match.objects.filter(need=beds_need, offer=offers["beds"]).update(
        status=Match.Status.DISMISSED, dismissed_by="need"
    )
    match_posting(beds_need)
    match_posting(offers["beds"])
    assert Match.objects.get(need=beds_need, offer=offers["beds"]).status == "dismissed"


def test_editing_a_posting_updates_its_matches(
    beds_need, offers, official, django_capture_on_commit_callbacks
):
    match_posting(beds_need)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.posting_update(
            user=official,
            posting=beds_need,
            title_uk="Потрібне пожежне спорядження",
            description_uk="Захисні костюми, шоломи та дихальні апарати для пожежників.",
            **taxonomy("civil-protection", "firefighting", "goods"),
        )
    best = Match.objects.filter(need=beds_need, status="suggested").order_by("-score").first()
    assert best.offer == offers["fire"]
    assert Match.objects.get(need=beds_need, offer=offers["beds"]).status in {"closed", "suggested"}


def test_a_withdrawn_offer_drops_out_and_its_suggestions_close(
    beds_need, offers, outsider, django_capture_on_commit_callbacks
):
    match_posting(beds_need)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.posting_withdraw(user=outsider, posting=offers["beds"])
    assert Match.objects.get(need=beds_need, offer=offers["beds"]).status == "closed"
    match_posting(beds_need)
    assert not Match.objects.filter(
        need=beds_need, offer=offers["beds"], status="suggested"
    ).exists()


def test_publishing_marks_the_posting_and_the_task_after_commit_matches_it(
    offers, official, municipality, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        need = lifecycle.posting_create(
            user=official,
            model=type(NeedFactory.build()),
            municipality=municipality,
            publish=True,
            original_language="en",
            title_en="Hospital beds for the regional hospital",
            description_en="Twenty hospital beds with mattresses.",
            **taxonomy("health", "medical-equipment", "goods"),
        )
    need.refresh_from_db()
    assert need.match_pending, "marked in the same transaction"
    assert not Match.objects.filter(need=need).exists(), "nothing runs before commit"
    for callback in callbacks:
        callback()
    need.refresh_from_db()
    assert not need.match_pending
    assert Match.objects.filter(need=need, offer=offers["beds"]).exists()


def test_the_sweep_matches_a_posting_whose_task_was_lost(beds_need, offers):
    type(beds_need).objects.filter(pk=beds_need.pk).update(match_pending=True)
    assert sweep_pending_matching() >= 1
    beds_need.refresh_from_db()
    assert not beds_need.match_pending
    assert Match.objects.filter(need=beds_need, offer=offers["beds"]).exists()


def test_a_municipality_is_not_matched_with_itself(beds_need, municipality):
    OfferFactory(
        municipality=municipality,
        original_language="uk",
        title_en="",
        description_en="",
        title_uk="Лікарняні ліжка",
        description_uk="Ліжка з матрацами.",
        **taxonomy("health", "medical-equipment", "goods"),
    )
    match_posting(beds_need)
    assert not Match.objects.filter(need=beds_need, offer__municipality=municipality).exists()


def test_a_web_process_knows_the_matching_task_by_name():
    """postings enqueue it by name; a fresh process that never imported matching.tasks (like a
    web worker) must find it registered."""
    code = (
        "import threading; from celery import current_app; "
        "found = []; t = threading.Thread(target=lambda: found.append("
        "current_app.tasks.get('matching.tasks.match_posting') is not None)); "
        "t.start(); t.join(); print(found[0])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
