"""A fulfilled posting is listed for everyone, so its page opens for everyone too."""

import pytest

from postings.models import Posting
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


def test_anyone_opens_a_fulfilled_need_from_the_public_list(client):
    need = NeedFactory(title_en="Generators, all delivered", status=Posting.Status.FULFILLED)
    listing = client.get("/en/needs/", {"status": "fulfilled"}).content.decode()
    assert need.get_absolute_url() in listing
    assert client.get(need.get_absolute_url()).status_code == 200


def test_a_withdrawn_need_stays_private(client):
    need = NeedFactory(status=Posting.Status.WITHDRAWN)
    assert client.get(need.get_absolute_url()).status_code == 404
