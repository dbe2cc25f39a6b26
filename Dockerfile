# Production-like image of Défis: gunicorn for the web, the same image for the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's system libraries (Pango, HarfBuzz) and fonts; curl for the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 defis
WORKDIR /app
# The app lock's exact versions, each checked against its hashes (`make lock` writes it).
COPY requirements/app.txt requirements/app.txt
RUN pip install --require-hashes -r requirements/app.txt
COPY . .
RUN DEBUG=0 SECRET_KEY=build-time-only-for-collectstatic-not-a-real-secret-0123456789 \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/var/media && chown -R defis /app/var
USER defis

EXPOSE 8000
CMD ["gunicorn", "innovation.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
