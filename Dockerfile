# Production image: gunicorn on port 8000. docker-compose.yml runs it as web, worker and beat.
FROM python:3.11-slim

# WEB_CONCURRENCY: gunicorn's number of workers.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    WEB_CONCURRENCY=3

RUN useradd --system --user-group --home-dir /app --no-create-home app
WORKDIR /app

# Dependencies first, so that code changes reuse this layer.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY . .

# Production settings need every secret; these throwaway values only let the build-time
# commands import them (nothing connects to the database or Redis here).
RUN export DJANGO_ENV=production \
        SECRET_KEY=build-time-only-not-a-secret \
        ALLOWED_HOSTS=localhost \
        SITE_URL=http://localhost \
        DATABASE_URL=postgres://build@localhost/build \
        REDIS_URL=redis://localhost:6379/0 \
        EMAIL_URL=console: \
    && python manage.py compile_translations \
    && python manage.py collectstatic --noinput

# Uploads go to the "media" volume mounted here; a new volume takes this directory's owner.
RUN mkdir -p /app/media && chown app:app /app/media

USER app
EXPOSE 8000
CMD ["gunicorn", "cities4cities.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
