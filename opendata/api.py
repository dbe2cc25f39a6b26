"""The open-data API (django-ninja): read-only JSON of the public editions, sites, themes and challenges.

Lists are paginated (``page``, ``page_size``); every answer carries an ETag computed from its content, so a
client that sends it back in ``If-None-Match`` gets ``304 Not Modified`` without the body. The OpenAPI
schema is served at ``/api/opendata/openapi.json``. Drafts and unknown ids answer 404.
"""

import datetime
import functools
import hashlib
from collections.abc import Callable
from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from ninja import Field, NinjaAPI, Query, Schema
from ninja.decorators import decorate_view
from ninja.pagination import PageNumberPagination, paginate

from challenges.models.challenges import PHASE_ORDER
from opendata import records, selectors

PhaseCode = Literal[PHASE_ORDER]  # type: ignore[valid-type]
MAX_AGE_SECONDS = 300

api = NinjaAPI(
    title="Défis — données ouvertes",
    version="1",
    description=(
        "Les éditions, sites, thèmes et défis publiés de Défis, en lecture seule. Aucune donnée personnelle : "
        "seules les organisations sont nommées. Le verdict de la dernière évaluation n'est donné que si le "
        "porteur du défi l'a permis. Chaque réponse porte un ETag : renvoyez-le dans If-None-Match pour "
        "recevoir 304 tant que rien n'a changé."
    ),
    urls_namespace="opendata-api",
    docs_url=None,  # the Swagger page loads its scripts from a CDN: the schema is enough
)


def conditional(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A strong ETag from the body, 304 when the client already has it, and a short public cache."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
        return get_conditional_response(request, etag=etag, response=response)

    return wrapper


# --- Schemas: the shape of opendata.records ---------------------------------------


class EditionOut(Schema):
    id: int
    title: str
    organiser: str | None = Field(description="The organisation that runs the edition.")
    starts_on: datetime.date
    ends_on: datetime.date
    description: str = Field(description="Markdown.")
    url: str


class SiteOut(Schema):
    id: int
    edition_id: int
    place: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    description: str = Field(description="Markdown.")
    url: str


class ThemeOut(Schema):
    id: int
    edition_id: int
    title: str
    description: str
    position: int


class FigureOut(Schema):
    label: str
    value: str


class LinkOut(Schema):
    title: str
    url: str


class VerdictOut(Schema):
    verdict: Literal["public_action", "rework"]
    label: str
    assessment_kind: Literal["self", "facilitator", "peer"]
    submitted_at: datetime.datetime


class ChallengeOut(Schema):
    id: int
    edition_id: int
    site_id: int
    site: str
    number: int
    question: str = Field(description="The working question, « Comment … ? ».")
    subject: str
    organisation: str = Field(description="The organisation that owns the challenge.")
    theme_id: int | None
    theme: str | None
    territory: str
    territory_communes: int | None
    territory_inhabitants: int | None
    territory_figures: list[FigureOut]
    stakes: str = Field(description="Markdown.")
    stakeholders: str = Field(description="Markdown.")
    users: str = Field(description="Markdown.")
    obstacles: str = Field(description="Markdown.")
    levers: str = Field(description="Markdown.")
    phase: PhaseCode
    phase_label: str
    links: list[LinkOut]
    latest_verdict: VerdictOut | None = Field(
        description="The verdict of the latest submitted assessment, when the challenge's owner allows it."
    )
    updated_at: datetime.datetime
    url: str


class ChallengeFilterIn(Schema):
    edition: int | None = Field(None, description="Only the challenges of this edition (id).")
    site: int | None = Field(None, description="Only the challenges of this site (id).")
    theme: int | None = Field(None, description="Only the challenges of this theme (id).")
    phase: PhaseCode | None = Field(None, description="Only the challenges in this phase.")


class EditionFilterIn(Schema):
    edition: int | None = Field(None, description="Only those of this edition (id).")


class RecordPage(PageNumberPagination):
    """Pages of 50 records (200 at most): the page's rows are loaded, then turned into their records."""

    def __init__(self, *, record: Callable, **kwargs) -> None:
        super().__init__(page_size=50, max_page_size=200, **kwargs)
        self.record = record

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page[self.items_attribute] = [self.record(row) for row in page[self.items_attribute]]
        return page


# --- Endpoints ----------------------------------------------------------------------


@api.get("/editions", response=list[EditionOut], tags=["editions"], summary="The editions")
@decorate_view(conditional)
@paginate(RecordPage, record=records.edition_record)
def edition_list(request: HttpRequest):
    return selectors.public_editions()


@api.get("/editions/{edition_id}", response=EditionOut, tags=["editions"], summary="One edition")
@decorate_view(conditional)
def edition_detail(request: HttpRequest, edition_id: int):
    return records.edition_record(get_object_or_404(selectors.public_editions(), pk=edition_id))


@api.get("/sites", response=list[SiteOut], tags=["sites"], summary="The sites")
@decorate_view(conditional)
@paginate(RecordPage, record=records.site_record)
def site_list(request: HttpRequest, filters: Query[EditionFilterIn]):
    return selectors.public_sites(edition=filters.edition)


@api.get("/sites/{site_id}", response=SiteOut, tags=["sites"], summary="One site")
@decorate_view(conditional)
def site_detail(request: HttpRequest, site_id: int):
    return records.site_record(get_object_or_404(selectors.public_sites(), pk=site_id))


@api.get("/themes", response=list[ThemeOut], tags=["themes"], summary="The themes")
@decorate_view(conditional)
@paginate(RecordPage, record=records.theme_record)
def theme_list(request: HttpRequest, filters: Query[EditionFilterIn]):
    return selectors.public_themes(edition=filters.edition)


@api.get("/challenges", response=list[ChallengeOut], tags=["challenges"], summary="The published challenges")
@decorate_view(conditional)
@paginate(RecordPage, record=records.challenge_record)
def challenge_list(request: HttpRequest, filters: Query[ChallengeFilterIn]):
    return selectors.public_challenges(filters=selectors.ChallengeFilters(**filters.dict()))


@api.get("/challenges/{challenge_id}", response=ChallengeOut, tags=["challenges"], summary="One published challenge")
@decorate_view(conditional)
def challenge_detail(request: HttpRequest, challenge_id: int):
    challenge = selectors.public_challenges().filter(pk=challenge_id).first()
    if challenge is None:
        raise Http404
    return records.challenge_record(challenge)
