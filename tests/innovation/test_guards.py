"""The one view guard: 405 for a wrong method, 404 outside the scope, 403 without the permission,
the login page for an anonymous visitor, and the view called with its object."""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from innovation.guards import Refused, Scope, guard, public
from innovation.models import Organisation
from innovation.views.pages import error_403
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

PERMISSION = "tests.touch_organisation"


@rules.predicate
def is_toucher(user, organisation) -> bool:
    return user.is_authenticated and user.job_title == "toucher"


rules.set_perm(PERMISSION, is_toucher)


def listed(*, user) -> object:
    """The scope: the organisations whose territory is "listed"."""
    return Organisation.objects.filter(territory="listed")


@guard(PERMISSION, load=Scope(listed, kwarg="organisation_id"))
def touch(request, organisation, *, extra: str = "") -> HttpResponse:
    return HttpResponse(f"{organisation.name}|{extra}")


@guard(PERMISSION, load=Scope(listed, kwarg="organisation_id"), methods=("POST",))
def touch_by_post(request, organisation) -> HttpResponse:
    return HttpResponse(organisation.name)


@guard(PERMISSION, denied="Only those who touch may touch.")
def touch_or_explain(request) -> HttpResponse:
    return HttpResponse("touched")


@guard()
def signed_in_only(request) -> HttpResponse:
    return HttpResponse("hello")


@pytest.fixture
def listed_organisation():
    return OrganisationFactory(name="Ville de Rennes", territory="listed")


@pytest.fixture
def hidden_organisation():
    return OrganisationFactory(name="Ville cachée", territory="hidden")


def _request(user, method="get", path="/organisations/1/?page=2"):
    request = getattr(RequestFactory(), method)(path)
    request.user = user or AnonymousUser()
    return request


def test_the_view_receives_the_object_and_the_other_url_arguments(listed_organisation):
    toucher = UserFactory(job_title="toucher")

    response = touch(_request(toucher), organisation_id=listed_organisation.pk, extra="more")

    assert response.status_code == 200
    assert response.content.decode() == "Ville de Rennes|more"


def test_an_object_outside_the_scope_answers_404(hidden_organisation):
    toucher = UserFactory(job_title="toucher")

    with pytest.raises(Http404):
        touch(_request(toucher), organisation_id=hidden_organisation.pk)


def test_a_missing_object_answers_404():
    with pytest.raises(Http404):
        touch(_request(UserFactory(job_title="toucher")), organisation_id=999_999)


def test_a_person_without_the_permission_gets_403(listed_organisation):
    with pytest.raises(PermissionDenied):
        touch(_request(UserFactory(job_title="reader")), organisation_id=listed_organisation.pk)


@pytest.mark.parametrize("which", ["listed", "hidden", "missing"])
def test_an_anonymous_visitor_is_sent_to_the_login_page_whatever_exists(
    which, listed_organisation, hidden_organisation
):
    # Given an object in the scope, one outside it, and one that does not exist
    pk = {"listed": listed_organisation.pk, "hidden": hidden_organisation.pk, "missing": 999_999}[which]

    # When an anonymous visitor asks for it
    response = touch(_request(None), organisation_id=pk)

    # Then every answer is the same: the login page, coming back here afterwards
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/organisations/1/%3Fpage%3D2"


def test_a_view_without_permission_only_asks_to_sign_in():
    assert signed_in_only(_request(None)).status_code == 302
    assert signed_in_only(_request(UserFactory())).status_code == 200


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_a_wrong_method_answers_405_before_anything_is_loaded(method, listed_organisation, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = touch_by_post(_request(None, method=method), organisation_id=listed_organisation.pk)

    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_head_is_allowed_wherever_get_is(listed_organisation):
    response = touch(_request(UserFactory(job_title="toucher"), method="head"), organisation_id=listed_organisation.pk)

    assert response.status_code == 200


def test_the_view_names_its_permission():
    assert touch.permission == PERMISSION
    assert signed_in_only.permission is None


def test_a_refusal_can_say_why_on_the_403_page():
    # Given a view whose refusal explains itself
    request = _request(UserFactory(job_title="reader"))

    # When a person without the permission asks for it
    with pytest.raises(Refused) as refused:
        touch_or_explain(request)
    page = error_403(request, refused.value)

    # Then the 403 page says why, next to the generic advice
    assert page.status_code == 403
    assert "Only those who touch may touch." in page.content.decode()


def test_the_403_page_shows_no_message_of_another_exception():
    request = _request(UserFactory())

    page = error_403(request, PermissionDenied("internal detail"))

    assert "internal detail" not in page.content.decode()


def test_a_public_loader_answers_404_to_an_anonymous_visitor_when_nothing_is_found():
    # Given a view whose objects anyone holding the link may see (a stand's short URL)
    @public
    def load(request, token):
        raise Http404

    @guard(PERMISSION, load=load)
    def view(request, obj):  # never reached
        return HttpResponse("reached")

    request = RequestFactory().get("/t/wrong/")
    request.user = AnonymousUser()
    # When an anonymous visitor follows a wrong link, Then it is 404, not the login page
    with pytest.raises(Http404):
        view(request, token="wrong")
