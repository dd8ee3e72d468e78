"""EMAIL_URL parsing: one variable selects and configures Django's mail backend."""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "submission": "django.core.mail.backends.smtp.EmailBackend",
}


def parse_email_url(url: str) -> dict[str, object]:
    """Turn `smtp://user:password@host:587?tls=true` (or console:, file:///dir) into settings."""
    parts = urlsplit(url)
    scheme = parts.scheme
    if scheme not in _BACKENDS:
        known = ", ".join(sorted(_BACKENDS))
        raise ImproperlyConfigured(f"EMAIL_URL scheme {scheme!r} is not one of: {known}.")
    settings: dict[str, object] = {"EMAIL_BACKEND": _BACKENDS[scheme]}
    if scheme == "file":
        settings["EMAIL_FILE_PATH"] = unquote(parts.path)
        return settings
    if not scheme.startswith(("smtp", "submission")):
        return settings
    query = {key: values[-1].lower() for key, values in parse_qs(parts.query).items()}
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"EMAIL_URL has an invalid port: {url!r}.") from None
    default_port = {"smtps": 465, "submission": 587}.get(scheme, 25)
    settings.update(
        EMAIL_HOST=parts.hostname or "localhost",
        EMAIL_PORT=port or default_port,
        EMAIL_HOST_USER=unquote(parts.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
        EMAIL_USE_SSL=scheme == "smtps" or query.get("ssl") == "true",
        EMAIL_USE_TLS=scheme == "submission" or query.get("tls") == "true",
        EMAIL_TIMEOUT=10,
    )
    return settings
