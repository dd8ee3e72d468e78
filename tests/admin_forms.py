"""POST data for a Django admin change or add form as the page rendered it, inlines included,
so that a test changes only what it means to change."""

from django.forms import BaseFormSet, Form
from django.http import HttpResponse


def _values(form: Form) -> dict:
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif value is not None:
            data[key] = str(value)
    return data


def _formset_values(formset: BaseFormSet) -> dict:
    data = _values(formset.management_form)
    for form in formset.forms:
        data.update(_values(form))
    return data


def admin_form_data(response: HttpResponse) -> dict:
    """The main form's and every inline's current values, management forms included."""
    data = _values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(_formset_values(inline.formset))
    return data


def add_inline_row(data: dict, prefix: str, **fields) -> dict:
    """`data` with one more row in the inline formset `prefix`."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data = {**data, f"{prefix}-TOTAL_FORMS": str(index + 1)}
    data.update({f"{prefix}-{index}-{name}": str(value) for name, value in fields.items()})
    return data
