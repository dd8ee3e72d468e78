import pytest
from django.core.management import call_command

from accounts.models import User
from municipalities.models import Membership, Municipality
from needs.models import Need
from offers.models import Offer
from partnerships.models import Partnership, PartnershipMember

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Municipality.objects.count(),
        Membership.objects.count(),
        Need.objects.count(),
        Offer.objects.count(),
        Partnership.objects.count(),
        PartnershipMember.objects.count(),
    )


def test_seed_demo_creates_the_demo_set_once(capsys):
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    assert first[1] >= 14
    assert first[3] >= 8
    assert first[4] >= 8
    assert first[5:] == (6, 13)
    assert Need.objects.filter(status="published", original_language="uk").exists()
    kamianets = Municipality.objects.get(slug="kamianets-podilskyi")
    assert kamianets.name_uk == "Кам'янець-Подільський"
    assert User.objects.filter(is_staff=True).count() == 1
    assert Municipality.objects.filter(status="pending").exists()
    output = capsys.readouterr().out
    assert "admin@cities4cities.example" in output
    assert "Password for every demo login" in output
