from django import template

from core import translation

register = template.Library()


@register.simple_tag
def machine_translation_configured() -> bool:
    """Whether a translation backend is set up; when not, pages say so and show originals."""
    return translation.is_configured()
