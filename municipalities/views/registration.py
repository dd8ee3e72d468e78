from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.errors import add_service_errors
from municipalities import services
from municipalities.forms import MunicipalityForm, RegistrationForm
from municipalities.models import Municipality
from municipalities.selectors import is_manager_of


@verified_email_required
def register(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            municipality = services.municipality_register(
                user=request.user, **form.municipality_fields
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return render(request, "municipalities/register.html", {"form": form})
        messages.success(
            request,
            _(
                "%(name)s is registered. An administrator will verify it shortly; "
                "you will get an email."
            )
            % {"name": municipality.name},
        )
        return redirect(municipality)
    return render(request, "municipalities/register.html", {"form": form})


@verified_email_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    if not is_manager_of(request.user, municipality):
        raise PermissionDenied
    form = MunicipalityForm(request.POST or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        services.municipality_update(
            user=request.user, municipality=municipality, **form.cleaned_data
        )
        messages.success(request, _("The profile has been saved."))
        return redirect(municipality)
    return render(request, "municipalities/edit.html", {"form": form, "municipality": municipality})
