from __future__ import annotations

import pytest
from django.urls import reverse

from ecoc_hub.experts import services
from ecoc_hub.experts.models import Application
from tests.experts.conftest import cv_upload, fill, make_call
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _post_data(**overrides):
    data = {
        "full_name": "Ana Popescu",
        "country": "RO",
        "profiles": ["management"],
        "countries": ["RO"],
        "years_sector": "6",
        "years_consultancy": "2",
        "years_ecoc_team": "0",
        "motivation": "",
        "references": "",
        "availability": "",
        "declaration": "on",
        "lang-TOTAL_FORMS": "3",
        "lang-INITIAL_FORMS": "0",
        "lang-0-language": "ro",
        "lang-0-level": "C2",
        "lang-1-language": "",
        "lang-1-level": "",
        "lang-2-language": "",
        "lang-2-level": "",
        "ecoc-TOTAL_FORMS": "2",
        "ecoc-INITIAL_FORMS": "0",
        "action": "save",
    }
    data.update(overrides)
    return data


@pytest.fixture
def applicant_client(client):
    user = UserFactory(display_name="Ana")
    client.force_login(user)
    client.user = user
    return client


def test_the_call_page_lists_profiles_rules_and_rounds(client, call):
    response = client.get(call.get_absolute_url())

    text = response.content.decode()
    assert response.status_code == 200
    assert "Audience development" in text
    assert "More than five years designing multicultural projects." in text
    assert "At least 4 years in the cultural or social sector" in text
    assert "Round 2" in text


def test_applying_opens_a_draft_once(applicant_client, call):
    url = reverse("experts:apply", args=[call.slug])

    first = applicant_client.post(url)
    second = applicant_client.post(url)

    application = Application.objects.get()
    assert (
        first.url
        == second.url
        == reverse("experts:application_edit", args=[application.uuid])
    )


def test_a_draft_is_saved_with_languages_and_explains_what_is_missing(
    applicant_client, call
):
    application = services.start_application(user=applicant_client.user, call=call)
    url = reverse("experts:application_edit", args=[application.uuid])

    response = applicant_client.post(url, _post_data(years_sector="3"))
    page = applicant_client.get(url).content.decode()

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.languages == [{"code": "ro", "level": "C2"}]
    assert application.years_sector == 3
    assert application.expert.full_name == "Ana Popescu"
    assert "you entered 3 years" in page
    assert "Upload your CV as a PDF file." in page


def test_submitting_an_ineligible_application_shows_the_reason_on_the_field(
    applicant_client, call
):
    application = services.start_application(user=applicant_client.user, call=call)
    url = reverse("experts:application_edit", args=[application.uuid])

    response = applicant_client.post(
        url, _post_data(years_sector="2", action="submit", cv=cv_upload())
    )

    application.refresh_from_db()
    assert response.status_code == 200
    assert application.state == Application.State.DRAFT
    assert application.years_sector == 2  # the draft was kept
    errors = response.context["form"].errors
    assert "you entered 2 years" in errors["years_sector"][0]


def test_submitting_an_eligible_application(applicant_client, call):
    application = services.start_application(user=applicant_client.user, call=call)
    url = reverse("experts:application_edit", args=[application.uuid])

    response = applicant_client.post(url, _post_data(action="submit", cv=cv_upload()))

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.state == Application.State.SUBMITTED
    assert application.cv_name == "cv.pdf"


def test_a_non_pdf_cv_is_refused_on_its_field(applicant_client, call):
    application = services.start_application(user=applicant_client.user, call=call)
    url = reverse("experts:application_edit", args=[application.uuid])

    response = applicant_client.post(
        url, _post_data(cv=cv_upload("cv.pdf", b"plain text, not a PDF"))
    )

    application.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["cv"]
    assert application.cv is None


def test_the_live_check_answers_the_form_as_it_is_without_saving(
    applicant_client, call
):
    application = services.start_application(user=applicant_client.user, call=call)
    url = reverse("experts:application_check", args=[application.uuid])

    response = applicant_client.post(
        url, _post_data(years_consultancy="0"), HTTP_HX_REQUEST="true"
    )

    application.refresh_from_db()
    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith('<section id="eligibility"')
    assert "as a consultant or trainer, or 1 year in an ECoC" in text
    assert application.years_consultancy is None


def test_a_submitted_application_is_no_longer_editable_but_can_be_withdrawn(
    applicant_client, call
):
    application = fill(
        services.start_application(user=applicant_client.user, call=call)
    )
    services.submit(application=application, actor=applicant_client.user)

    edit = applicant_client.get(
        reverse("experts:application_edit", args=[application.uuid])
    )
    withdraw = applicant_client.post(
        reverse("experts:application_withdraw", args=[application.uuid]),
        {"comment": "Sorry."},
    )

    application.refresh_from_db()
    assert edit.status_code == 403
    assert withdraw.status_code == 302
    assert application.state == Application.State.WITHDRAWN


def test_the_cv_downloads_for_the_applicant_only(applicant_client, call, client):
    application = fill(
        services.start_application(user=applicant_client.user, call=call)
    )
    url = reverse("experts:application_cv", args=[application.uuid])

    mine = applicant_client.get(url)
    client.force_login(UserFactory())
    other = client.get(url)

    assert mine.status_code == 200
    assert mine["Content-Type"] == "application/pdf"
    assert b"".join(mine.streaming_content).startswith(b"%PDF-")
    assert other.status_code == 404


def test_an_unpublished_call_is_hidden(client):
    call = make_call(slug="hidden", is_published=False)

    assert client.get(call.get_absolute_url()).status_code == 404


def test_the_call_list_runs_in_constant_queries(client, django_assert_num_queries):
    make_call(slug="a")
    with django_assert_num_queries(3):
        client.get(reverse("experts:calls"))
    make_call(slug="b")
    make_call(slug="c")
    with django_assert_num_queries(3):
        client.get(reverse("experts:calls"))
