"""An official of the posting's municipality corrects a machine translation: it is theirs from
then on, kept over the machine's next translations, and recorded in the history."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from postings.models import PostingChange, PostingTranslation
from postings.selectors import posting_history
from postings.services import lifecycle
from postings.services.translation import posting_correct_translation
from postings.tasks import translate_posting
from tests.factories import MembershipFactory, MunicipalityFactory
from tests.postings.languages import ukrainian_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(libretranslate, municipality, official):
    need = ukrainian_need(municipality, contact=official)
    translate_posting(need._meta.label_lower, need.pk)
    return need


def _row(need, field: str, language: str) -> PostingTranslation:
    return PostingTranslation.objects.get(
        content_type=ContentType.objects.get_for_model(need),
        object_id=need.pk,
        field=field,
        language=language,
    )


def _url(need, language: str = "de") -> str:
    return f"/de/needs/{need.pk}/translation/{language}/"


def test_the_official_corrects_a_machine_translation_on_its_page(official_client, need):
    form = official_client.get(_url(need))
    assert form.status_code == 200
    assert "Krankenhausbetten und Patientenmonitore" in form.content.decode()

    response = official_client.post(
        _url(need),
        {
            "title": "Pflegebetten und Patientenmonitore",
            "description": _row(need, "description", "de").text,
            "logistics": _row(need, "logistics", "de").text,
            "unit": "Betten",
        },
    )

    assert response.status_code == 302
    title = _row(need, "title", "de")
    assert (title.text, title.machine, title.corrected_by_id) == (
        "Pflegebetten und Patientenmonitore",
        False,
        need.contact_id,
    )
    assert _row(need, "description", "de").machine  # left as the machine wrote it
    entry = posting_history(need).get()
    assert entry.action == PostingChange.Action.TRANSLATION_CORRECTED
    assert (entry.note, entry.user_id) == ("de", need.contact_id)
    assert entry.changes == {
        "title": ["Krankenhausbetten und Patientenmonitore", "Pflegebetten und Patientenmonitore"]
    }


def test_corrected_texts_are_shown_without_the_machine_mark(client, official, need):
    posting_correct_translation(
        user=official,
        posting=need,
        language="en",
        texts={
            "title": "Care beds and monitors",
            "description": "Twenty care beds.",
            "logistics": "Delivered to Kropyvnytskyi.",
            "unit": "care beds",
        },
    )

    content = client.get(f"/en/needs/{need.pk}/").content.decode()

    assert '<h1 lang="en">Care beds and monitors</h1>' in content
    assert "Translated. Written in Ukrainian." in content
    assert "Machine translated" not in content


def test_the_history_names_the_language_corrected(official_client, official, need):
    posting_correct_translation(
        user=official, posting=need, language="en", texts={"unit": "hospital beds"}
    )

    content = official_client.get(f"/en/needs/{need.pk}/").content.decode()

    assert "Machine translation corrected: English" in content


def test_the_machine_never_replaces_a_correction(
    libretranslate, official, need, django_capture_on_commit_callbacks
):
    posting_correct_translation(
        user=official, posting=need, language="de", texts={"title": "Pflegebetten"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.posting_update(user=official, posting=need, title_uk="Ліжка та монітори")

    assert _row(need, "title", "de").text == "Pflegebetten"
    assert _row(need, "title", "en").text == "[en] Ліжка та монітори"


def test_a_text_left_as_it_was_stays_the_machine_s(official, need):
    text = _row(need, "title", "de").text

    posting_correct_translation(user=official, posting=need, language="de", texts={"title": text})

    assert _row(need, "title", "de").machine
    assert not posting_history(need).exists()


def test_an_empty_correction_is_refused(official_client, need):
    response = official_client.post(_url(need), {"title": " ", "unit": "Betten"})

    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert _row(need, "title", "de").machine


def test_the_page_links_to_the_correction_for_the_municipality_only(
    official_client, outsider_client, need
):
    assert f'href="{_url(need)}"' in official_client.get(f"/de/needs/{need.pk}/").content.decode()
    assert _url(need) not in outsider_client.get(f"/de/needs/{need.pk}/").content.decode()


def test_another_city_s_official_may_not_correct(outsider_client, outsider, need):
    assert outsider_client.get(_url(need)).status_code == 403
    assert outsider_client.post(_url(need), {"title": "Betten"}).status_code == 403
    with pytest.raises(PermissionDenied):
        posting_correct_translation(
            user=outsider, posting=need, language="de", texts={"title": "Betten"}
        )


def test_a_member_of_an_unverified_municipality_may_not_correct(client, need, pending_municipality):
    member = MembershipFactory(municipality=pending_municipality).user
    need.municipality = pending_municipality
    need.save(update_fields=["municipality"])
    client.force_login(member)

    assert client.get(_url(need)).status_code == 403


def test_anonymous_readers_are_sent_to_log_in(client, need):
    response = client.get(_url(need))

    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("language", ["uk", "xx"])
def test_there_is_no_translation_into_the_original_or_an_unknown_language(
    official_client, need, language
):
    assert official_client.get(_url(need, language)).status_code == 404


def test_nothing_to_correct_before_the_machine_translated(official_client, official):
    other = ukrainian_need(MunicipalityFactory(), contact=official)
    MembershipFactory(municipality=other.municipality, user=official)

    assert official_client.get(_url(other)).status_code == 404
    with pytest.raises(ValidationError):
        posting_correct_translation(
            user=official, posting=other, language="de", texts={"title": "Betten"}
        )
