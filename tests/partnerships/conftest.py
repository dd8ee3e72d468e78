"""Partnership fixtures: three verified cities each with a manager (the shared personas:
Kamianets-Podilskyi's manager, Esslingen's manager `outsider`, Lublin's manager `giver`),
uploads kept in a temporary MEDIA_ROOT, and PDF bytes."""

import pytest

from needs.models import Need
from offers.models import Offer
from tests.factories import MembershipFactory, PartnershipFactory

# The smallest document that passes as a PDF: header, one object, trailer.
PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"xref\n0 3\n0000000000 65535 f \ntrailer\n<< /Size 3 /Root 1 0 R >>\n"
    b"startxref\n110\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pdf() -> bytes:
    return PDF


@pytest.fixture
def towns(municipality, other_municipality, offering) -> list:
    return [municipality, other_municipality, offering]


@pytest.fixture
def managers(manager, outsider, giver) -> list:
    """The managers of `towns`, in the same order."""
    return [manager, outsider, giver]


@pytest.fixture
def twinning(municipality, other_municipality):
    """An active twinning of Kamianets-Podilskyi and Esslingen."""
    return PartnershipFactory(members=[municipality, other_municipality])


@pytest.fixture
def esslingen_official(other_municipality):
    return MembershipFactory(municipality=other_municipality).user


@pytest.fixture
def settled():
    """`settled(*postings)`: as if matching had run for them (nothing pending)."""

    def settle(*postings) -> None:
        for model in (Need, Offer):
            model.objects.filter(pk__in=[p.pk for p in postings]).update(match_pending=False)

    return settle
