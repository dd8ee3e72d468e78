import pytest
from django.core.exceptions import ImproperlyConfigured

from cities4cities.email_url import parse_email_url


def test_an_smtp_url_with_credentials_and_tls_configures_smtp():
    settings = parse_email_url(
        "smtp://mailer%40city.example:s%3Dcret@smtp.city.example:587?tls=true"
    )
    assert settings == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.city.example",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer@city.example",
        "EMAIL_HOST_PASSWORD": "s=cret",
        "EMAIL_USE_SSL": False,
        "EMAIL_USE_TLS": True,
        "EMAIL_TIMEOUT": 10,
    }


def test_smtps_defaults_to_port_465_with_ssl():
    settings = parse_email_url("smtps://smtp.city.example")
    assert (settings["EMAIL_PORT"], settings["EMAIL_USE_SSL"]) == (465, True)


def test_console_and_file_backends():
    assert parse_email_url("console:")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert parse_email_url("file:///tmp/mails") == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/tmp/mails",
    }


def test_an_unknown_scheme_is_a_clear_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL scheme 'pigeon'"):
        parse_email_url("pigeon://loft")
