"""Nothing is lost: every change to a posting is kept with who made it and what changed."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from needs.models import Need
from postings.models import PostingChange
from postings.selectors import posting_history
from tests.factories import form_data

pytestmark = pytest.mark.django_db

Action = PostingChange.Action


def _edit(client, need, municipality, contact, **changes):
    data = form_data(
        municipality, contact, title=need.title_en, description=need.description_en, **changes
    )
    response = client.post(reverse("needs:edit", args=[need.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    return response


def test_editing_the_quantity_records_old_and_new(official_client, official, municipality, need):
    _edit(official_client, need, municipality, official, quantity="25")

    entry = posting_history(need).get()
    assert entry.action == Action.EDITED
    assert entry.user == official
    assert entry.changes == {"quantity": ["20.00", "25"]}


def test_a_new_translation_is_recorded(manager_client, manager, official, municipality, need):
    _edit(manager_client, need, municipality, official, title_de="Krankenhausbetten")

    entry = posting_history(need).get()
    assert entry.user == manager
    assert entry.changes == {"title_de": [None, "Krankenhausbetten"]}


def test_several_changes_are_one_entry(official_client, official, manager, municipality, need):
    _edit(official_client, need, municipality, manager, unit="mattresses", logistics="By train.")

    entry = posting_history(need).get()
    assert entry.changes == {
        "unit": ["beds", "mattresses"],
        "logistics": ["", "By train."],
        "contact": [str(official), str(manager)],
    }


def test_saving_without_changes_records_nothing(official_client, official, municipality, need):
    _edit(official_client, need, municipality, official, quantity="20.00")

    assert not posting_history(need).exists()


def test_the_whole_life_is_in_the_history(official_client, official, municipality):
    official_client.post(reverse("needs:create"), form_data(municipality, official, action="draft"))
    need = Need.objects.get()
    official_client.post(reverse("needs:publish", args=[need.pk]))
    official_client.post(reverse("needs:confirm", args=[need.pk]), {"answer": "partly-covered"})
    official_client.post(reverse("needs:withdraw", args=[need.pk]), {"reason": "Not needed."})

    entries = list(posting_history(need))
    assert [entry.action for entry in reversed(entries)] == [
        Action.CREATED,
        Action.PUBLISHED,
        Action.CONFIRMED,
        Action.WITHDRAWN,
    ]
    assert {entry.user for entry in entries} == {official}
    assert entries[0].note == "Not needed."


def test_members_see_the_history_on_the_page(official_client, official, municipality, need):
    _edit(official_client, need, municipality, official, quantity="25")

    content = official_client.get(need.get_absolute_url()).content.decode()

    assert 'id="history-heading"' in content
    assert escape(official.display_name) in content
    assert "Edited" in content


def test_others_do_not_see_the_history(
    official_client, client, outsider_client, official, municipality, need
):
    _edit(official_client, need, municipality, official, quantity="25")

    for reader in (client, outsider_client):
        content = reader.get(need.get_absolute_url()).content.decode()
        assert 'id="history-heading"' not in content
