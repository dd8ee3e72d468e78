"""Activities and events of a partnership, and "record as cooperation" from a match."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.errors import add_service_errors
from matching import permissions as match_permissions
from matching.selectors import match_for_reader
from partnerships import services
from partnerships.forms import ActivityForm, EventForm, RecordMatchForm
from partnerships.models import ActivityMatch
from partnerships.selectors import partnership_of_pair
from partnerships.views.common import back, readable


def _form_page(request, partnership, form, save, done: str, heading: str) -> HttpResponse:
    """Show the form; on a valid POST save it through the service and go back."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return back(partnership, "#timeline")
    context = {"form": form, "partnership": partnership, "heading": heading}
    return render(request, "partnerships/form.html", context)


@login_required
def activity_new(request: HttpRequest, uuid: UUID) -> HttpResponse:
    partnership, rights = readable(request, uuid)
    if not rights.can_manage:
        raise PermissionDenied
    return _form_page(
        request,
        partnership,
        ActivityForm(request.POST or None),
        lambda form: services.activity_add(
            user=request.user, partnership=partnership, **form.service_fields()
        ),
        _("The activity is recorded."),
        _("New activity"),
    )


@login_required
def activity_edit(request: HttpRequest, uuid: UUID, activity: UUID) -> HttpResponse:
    partnership, rights = readable(request, uuid)
    found = get_object_or_404(partnership.activities, uuid=activity)
    if not rights.can_manage:
        raise PermissionDenied
    return _form_page(
        request,
        partnership,
        ActivityForm(request.POST or None, instance=found),
        lambda form: services.activity_update(
            user=request.user, activity=found, **form.service_fields()
        ),
        _("The activity is saved."),
        _("Edit the activity"),
    )


@login_required
def event_new(request: HttpRequest, uuid: UUID) -> HttpResponse:
    partnership, rights = readable(request, uuid)
    if not rights.can_add_events:
        raise PermissionDenied
    return _form_page(
        request,
        partnership,
        EventForm(request.POST or None, partnership=partnership),
        lambda form: services.event_add(
            user=request.user,
            partnership=partnership,
            participants=list(form.cleaned_data["participants"]),
            **form.service_fields(),
        ),
        _("The event is recorded."),
        _("New event"),
    )


@login_required
def event_edit(request: HttpRequest, uuid: UUID, event: UUID) -> HttpResponse:
    partnership, rights = readable(request, uuid)
    found = get_object_or_404(partnership.events, uuid=event)
    if not rights.can_edit_event(found):
        raise PermissionDenied
    return _form_page(
        request,
        partnership,
        EventForm(request.POST or None, partnership=partnership, instance=found),
        lambda form: services.event_update(
            user=request.user,
            event=found,
            participants=list(form.cleaned_data["participants"]),
            **form.service_fields(),
        ),
        _("The event is saved."),
        _("Edit the event"),
    )


@login_required
def record_match(request: HttpRequest, pk: int) -> HttpResponse:
    """From a match's page: record it as an activity of the two cities' partnership, or
    propose one. GET shows what will happen; POST does it."""
    match = match_for_reader(pk)
    if match is None or not match_permissions.can_read(request.user, match):
        raise Http404
    recorded = (
        ActivityMatch.objects.filter(match=match).select_related("activity__partnership").first()
    )
    if recorded is not None:
        return redirect(recorded.activity.partnership.get_absolute_url() + "#timeline")
    partnership = partnership_of_pair(match.need.municipality_id, match.offer.municipality_id)
    form = RecordMatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_from_match(
                user=request.user, match=match, kind=form.cleaned_data["kind"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The match is recorded as cooperation."))
            return back(activity.partnership, "#timeline")
    context = {"match": match, "partnership": partnership, "form": form}
    return render(request, "partnerships/record_match.html", context)
