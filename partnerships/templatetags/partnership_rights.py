"""A person's rights on a partnership that depend on one of its items, for its own pages."""

from django import template

from partnerships.models import Event
from partnerships.permissions import Access

register = template.Library()


@register.filter
def can_edit_event(rights: Access, event: Event) -> bool:
    return rights.can_edit_event(event)
