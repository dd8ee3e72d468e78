"""What the partnership views share: the partnership the reader may see (a 404 otherwise, as
for one that does not exist), and the way back to its page."""

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from partnerships.models import Partnership
from partnerships.permissions import Access, access
from partnerships.selectors import partnership_for_page


def readable(request: HttpRequest, uuid: UUID) -> tuple[Partnership, Access]:
    partnership = partnership_for_page(request.user, uuid)
    if partnership is None:
        raise Http404
    return partnership, access(request.user, partnership)


def back(partnership: Partnership, anchor: str = "") -> HttpResponse:
    return redirect(partnership.get_absolute_url() + anchor)
