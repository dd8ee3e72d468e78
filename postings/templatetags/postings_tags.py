from django import template

from postings.models import Posting
from postings.services import coverage

register = template.Library()


@register.filter
def amount(value, posting: Posting) -> str:
    """A quantity of the posting with its unit, in the reader's language: "20 Stück"."""
    return "" if value is None else posting.amount(value)


@register.simple_tag
def reopenable(posting: Posting, user) -> bool:
    """Whether the reader may take back the posting's recent "fully covered" answer."""
    return user.is_authenticated and coverage.can_reopen(user, posting)
