"""docker-compose.yml and the Dockerfile wire the same app the settings expect."""

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
DJANGO_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def command(service: dict) -> list[str]:
    cmd = service["command"]
    return shlex.split(cmd) if isinstance(cmd, str) else [str(part) for part in cmd]


def dockerfile_instructions() -> list[str]:
    text = (ROOT / "Dockerfile").read_text()
    text = re.sub(r"^\s*#.*\n", "", text, flags=re.MULTILINE).replace("\\\n", " ")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_it_defines_the_whole_stack(services):
    assert {"web", "worker", "beat", "db", "redis", "mailpit", "libretranslate"} <= services.keys()


def test_every_service_has_an_image_or_a_build(services):
    for name, service in services.items():
        assert service.get("image") or service.get("build"), name


def test_django_services_reach_db_redis_and_mailpit_by_service_name(services):
    for name in DJANGO_SERVICES:
        env = environment(services[name])
        database = urlsplit(env["DATABASE_URL"])
        redis = urlsplit(env["REDIS_URL"])
        email = urlsplit(env["EMAIL_URL"])
        assert (database.scheme, database.hostname, database.port) == ("postgres", "db", 5432), name
        assert (redis.scheme, redis.hostname, redis.port) == ("redis", "redis", 6379), name
        assert (email.scheme, email.hostname, email.port) == ("smtp", "mailpit", 1025), name


def test_the_database_url_matches_the_db_service_credentials(services):
    db = environment(services["db"])
    database = urlsplit(environment(services["web"])["DATABASE_URL"])
    assert database.username == db.get("POSTGRES_USER", "postgres")
    assert database.password == db["POSTGRES_PASSWORD"]
    assert database.path == f"/{db['POSTGRES_DB']}"


def test_django_services_run_in_production_mode_without_https_redirect(services):
    for name in DJANGO_SERVICES:
        env = environment(services[name])
        assert env["DJANGO_ENV"] == "production", name
        assert env["SECURE_SSL_REDIRECT"] == "false", name
        for required in ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "CSRF_TRUSTED_ORIGINS"):
            assert env.get(required), (name, required)


def test_django_services_wait_for_a_healthy_db_and_redis(services):
    for name in DJANGO_SERVICES:
        depends_on = services[name]["depends_on"]
        assert depends_on["db"]["condition"] == "service_healthy", name
        assert depends_on["redis"]["condition"] == "service_healthy", name
    assert services["db"]["healthcheck"]["test"]
    assert services["redis"]["healthcheck"]["test"]


def test_migrations_run_before_web_worker_and_beat_start(services):
    assert command(services["migrate"])[-3:] == ["manage.py", "migrate", "--noinput"]
    for name in DJANGO_SERVICES:
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name


def test_web_serves_the_wsgi_app_with_gunicorn_on_port_8000(services):
    cmd = command(services["web"])
    assert cmd[:2] == ["gunicorn", "cities4cities.wsgi"]
    assert "0.0.0.0:8000" in cmd
    assert any(port.endswith(":8000") for port in services["web"]["ports"])


def test_worker_and_beat_run_celery_for_the_project(services):
    for name in ("worker", "beat"):
        cmd = command(services[name])
        assert cmd[:3] == ["celery", "-A", "cities4cities"], name
        assert cmd[3] == name


def test_mailpit_shows_its_inbox_on_port_8025(services):
    assert any(port.endswith(":8025") for port in services["mailpit"]["ports"])


def test_the_image_installs_the_prod_lock_with_hashes(services):
    installs = [line for line in dockerfile_instructions() if "pip install" in line]
    assert installs == ["RUN pip install --require-hashes -r requirements.lock"]


def test_the_image_is_python_311_slim_and_runs_as_a_non_root_user():
    instructions = dockerfile_instructions()
    assert instructions[0] == "FROM python:3.11-slim"
    users = [line.split()[1] for line in instructions if line.startswith("USER ")]
    assert users
    assert users[-1] not in {"root", "0"}


def test_the_image_compiles_translations_and_collects_static_at_build():
    build_steps = " ".join(line for line in dockerfile_instructions() if line.startswith("RUN "))
    assert "manage.py compile_translations" in build_steps
    assert "manage.py collectstatic --noinput" in build_steps


def test_the_docker_context_leaves_local_state_out():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".venv", ".local", ".git"} <= ignored
    assert "__pycache__" in ignored or "**/__pycache__" in ignored


def test_web_and_worker_translate_with_the_libretranslate_service(services):
    for name in ("web", "worker"):
        env = environment(services[name])
        url = urlsplit(env["LIBRETRANSLATE_URL"])
        # LibreTranslate unless .env says otherwise (TRANSLATION_BACKEND=none).
        assert env["TRANSLATION_BACKEND"] == "${TRANSLATION_BACKEND:-libretranslate}", name
        assert (url.scheme, url.hostname, url.port) == ("http", "libretranslate", 5000), name
        assert "libretranslate" in services[name]["depends_on"], name


def test_libretranslate_loads_the_platform_languages_and_keeps_its_models(services):
    libretranslate = services["libretranslate"]
    loaded = environment(libretranslate)["LT_LOAD_ONLY"].split(",")
    assert sorted(loaded) == sorted(code for code, _name in settings.LANGUAGES)
    assert any(
        volume.endswith(":/home/libretranslate/.local") for volume in libretranslate["volumes"]
    )
    assert libretranslate["healthcheck"]["test"]
    assert "ports" not in libretranslate


def test_uploads_live_on_a_volume_the_app_user_owns(services):
    volumes = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["volumes"]
    for name in ("web", "worker"):
        media = environment(services[name])["MEDIA_ROOT"]
        mounts = dict(mount.split(":")[::-1] for mount in services[name]["volumes"])
        assert mounts[media] in volumes, name
    assert f"RUN mkdir -p {media} && chown app:app {media}" in dockerfile_instructions()
