"""Applying with the event's questions, the selection table, drafted
decisions sent together with their e-mails."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ecoc_hub.cities.models import Title
from ecoc_hub.events import services
from ecoc_hub.events.models import Answer, Application, EmailTemplate, Question
from ecoc_hub.events.views import selection as selection_views
from tests.events.conftest import apply, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n"
    b"0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n"
)


def _questions(event):
    return {
        "motivation": Question.objects.create(
            event=event, kind="long_text", label="Why?", required=True, position=1
        ),
        "track": Question.objects.create(
            event=event,
            kind="single_choice",
            label="Track",
            choices=["Digital", "Audience"],
            position=2,
        ),
        "first": Question.objects.create(
            event=event, kind="yes_no", label="First camp?", position=3
        ),
        "cv": Question.objects.create(event=event, kind="file", label="CV", position=4),
    }


def _post(client, event, **extra):
    oulu = Title.objects.get(year=2026, city__name="Oulu")
    data = {
        "name": "Ana Applicant",
        "title": oulu.pk,
        "organisation": "",
        "role": "delivery_team",
        "languages": ["en", "fi"],
    }
    data.update(extra)
    return client.post(reverse("events:apply", args=[event.slug]), data)


def test_member_applies_with_the_events_questions_and_a_file(member_client, member):
    event = make_event()
    q = _questions(event)

    response = _post(
        member_client,
        event,
        **{
            f"q{q['motivation'].pk}": "To learn.",
            f"q{q['track'].pk}": "Digital",
            f"q{q['first'].pk}": "yes",
            f"q{q['cv'].pk}": SimpleUploadedFile("cv.pdf", PDF),
        },
    )

    application = Application.objects.get(applicant=member)
    assert response.status_code == 302
    assert (application.name, application.country, application.role) == (
        "Ana Applicant",
        "FI",
        "delivery_team",
    )
    answers = {a.question.label: a for a in application.answers.all()}
    assert answers["Why?"].value == "To learn."
    assert answers["Track"].value == "Digital"
    assert answers["First camp?"].value is True
    assert answers["CV"].file_name == "cv.pdf"
    assert len(answers["CV"].file_sha256) == 64

    # The file comes back, as uploaded, in the applicant's ZIP of own files.
    zipped = member_client.get(reverse("accounts:privacy_export_files"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(zipped.streaming_content)))
    path = f"events/{application.uuid}/{q['cv'].pk}-cv.pdf"
    assert archive.read(path) == PDF
    manifest = json.loads(archive.read("manifest.json"))["files"]
    (entry,) = [f for f in manifest if f["path"] == path]
    assert entry["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert (entry["question"], entry["included"]) == ("CV", True)


def test_missing_required_answer_and_bad_file_change_nothing(member_client):
    event = make_event()
    q = _questions(event)

    response = _post(
        member_client,
        event,
        **{f"q{q['cv'].pk}": SimpleUploadedFile("cv.pdf", b"not a pdf at all")},
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert list(form.errors) == [f"q{q['motivation'].pk}", f"q{q['cv'].pk}"]
    assert Application.objects.count() == 0
    assert Answer.objects.count() == 0


def test_a_title_city_or_an_organisation_is_needed(member_client):
    event = make_event()

    response = _post(member_client, event, title="", organisation="")

    assert response.context["form"].errors["organisation"] == [
        "Choose your title city or give your organisation."
    ]


def test_organiser_edits_questions_and_previews_the_form(client, organiser, event):
    client.force_login(organiser)
    data = {
        "q-TOTAL_FORMS": "1",
        "q-INITIAL_FORMS": "0",
        "q-0-label": "Dietary needs",
        "q-0-kind": "multiple_choice",
        "q-0-choices_text": "Vegetarian\nVegan\nVegetarian",
        "q-0-position": "1",
    }

    refused = client.post(reverse("events:questions", args=[event.slug]), data)
    data["q-0-choices_text"] = "Vegetarian\nVegan"
    saved = client.post(reverse("events:questions", args=[event.slug]), data)
    preview = client.get(reverse("events:preview", args=[event.slug]))

    assert refused.status_code == 200
    assert saved.status_code == 302
    assert list(event.questions.values_list("label", "choices")) == [
        ("Dietary needs", ["Vegetarian", "Vegan"])
    ]
    assert "Dietary needs" in preview.content.decode()
    assert preview.context["preview"] is True


def test_selection_filters_by_role_country_and_answer(client, organiser, event):
    q = Question.objects.create(event=event, kind="short_text", label="Sector")
    a = apply(event, role="delivery_team", country="FI", answers={q.pk: "Music"})
    apply(event, role="researcher", country="DE", answers={q.pk: "Theatre"})
    apply(event, role="delivery_team", country="DE", answers={q.pk: "Music"})
    client.force_login(organiser)
    url = reverse("events:selection", args=[event.slug])

    by_role = client.get(url, {"role": "delivery_team", "country": "FI"})
    by_answer = client.get(url, {"question": q.pk, "answer": "theat"})

    assert [r["pk"] for r in by_role.context["table"]] == [a.pk]
    assert [r["role"] for r in by_answer.context["table"]] == ["researcher"]
    assert "<td>Finland</td>" in by_role.content.decode()


def test_selection_sorts_by_name(client, organiser, event):
    for name in ("Zoe", "Adam", "Mia"):
        apply(event, name=name)
    client.force_login(organiser)

    response = client.get(
        reverse("events:selection", args=[event.slug]), {"sort": "name"}
    )

    assert [r["name"] for r in response.context["table"]] == [
        "Adam",
        "Mia",
        "Zoe",
    ]


def test_selection_pages_the_table_and_keeps_the_filters(
    client, organiser, monkeypatch
):
    monkeypatch.setattr(selection_views, "SELECTION_PAGE_SIZE", 2)
    event = make_event(organisers=[organiser], capacity=20)
    names = ["Ana", "Ben", "Cleo", "Dan", "Eva"]
    for name in names:
        apply(event, name=name, role="researcher")
    apply(event, name="Zed", role="delivery_team")
    client.force_login(organiser)
    url = reverse("events:selection", args=[event.slug])

    first = client.get(url, {"role": "researcher", "sort": "name"})
    last = client.get(url, {"role": "researcher", "sort": "name", "page": 3})

    assert [r["name"] for r in first.context["table"]] == ["Ana", "Ben"]
    assert [r["name"] for r in last.context["table"]] == ["Eva"]
    page = first.content.decode()
    assert "5 applications · rows 1 to 2" in page
    assert "Page 1 of 3" in page
    assert 'href="?role=researcher&amp;sort=name&amp;page=2" rel="next"' in page
    assert "all 5 applications matching the filters" in page


def test_a_decision_for_every_matching_application_reaches_the_other_pages(
    client, organiser, monkeypatch
):
    monkeypatch.setattr(selection_views, "SELECTION_PAGE_SIZE", 2)
    event = make_event(organisers=[organiser], capacity=20)
    researchers = [apply(event, role="researcher") for _ in range(5)]
    other = apply(event, role="delivery_team")
    client.force_login(organiser)
    url = reverse("events:selection", args=[event.slug]) + "?role=researcher"

    response = client.post(url, {"decision": "waitlist", "scope": "all"})

    assert response.status_code == 302
    assert response["Location"] == url
    drafted = dict(event.applications.values_list("pk", "draft_decision"))
    assert {drafted[a.pk] for a in researchers} == {"waitlist"}
    assert drafted[other.pk] == ""


def test_no_row_selected_is_refused_on_the_checkboxes(client, organiser, event):
    apply(event)
    client.force_login(organiser)
    url = reverse("events:selection", args=[event.slug])

    response = client.post(url, {"decision": "accept", "scope": "selected"})

    assert response.status_code == 200
    assert response.context["draft"].errors == {
        "selected": ["Select at least one application."]
    }
    assert not event.applications.exclude(draft_decision="").exists()


@pytest.mark.parametrize("count", [1, 100])
def test_selection_query_count_is_constant(
    client, organiser, django_assert_num_queries, count
):
    event = make_event(organisers=[organiser], capacity=200)
    q = Question.objects.create(event=event, kind="short_text", label="Sector")
    oulu = Title.objects.get(year=2026, city__name="Oulu")
    for _ in range(count):
        apply(event, title=oulu, answers={q.pk: "Music"})
    client.force_login(organiser)
    client.get(reverse("events:selection", args=[event.slug]))  # warm the session

    with django_assert_num_queries(10):  # the page's rows and their answers
        client.get(reverse("events:selection", args=[event.slug]), {"question": q.pk})


def test_drafted_decisions_are_sent_together_each_in_its_language(
    client, organiser, event
):
    de = apply(event, language="de")
    fr = apply(event, language="fr")
    en = apply(event, language="en")
    late = apply(event)
    client.force_login(organiser)
    url = reverse("events:selection", args=[event.slug])

    client.post(url, {"decision": "accept", "selected": [de.pk, fr.pk, late.pk]})
    client.post(url, {"decision": "reject", "selected": [en.pk]})
    assert mail.outbox == []
    preview = client.get(reverse("events:send", args=[event.slug]))
    response = client.post(reverse("events:send", args=[event.slug]))

    assert preview.status_code == 200
    assert [
        (str(p["kind"]), p["lang"], p["count"]) for p in preview.context["previews"]
    ] == [
        ("Accepted", "de", 1),
        ("Accepted", "en", 1),
        ("Accepted", "fr", 1),
        ("Not selected", "en", 1),
    ]
    assert response.status_code == 302
    states = dict(Application.objects.values_list("pk", "state"))
    # Two places: the third acceptance stays drafted and is reported.
    assert [states[a.pk] for a in (de, fr, late, en)] == [
        "accepted", "accepted", "submitted", "rejected",
    ]  # fmt: skip
    late.refresh_from_db()
    assert late.draft_decision == "accept"
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[de.applicant.email].endswith(
        f"Sie haben einen Platz bei {event.title}"
    )
    assert subjects[fr.applicant.email].endswith(f"Vous avez une place à {event.title}")
    assert subjects[en.applicant.email].endswith(f"Your application to {event.title}")
    assert len(mail.outbox) == 3


def test_an_events_own_wording_is_used_in_that_language(client, organiser, event):
    EmailTemplate.objects.create(
        event=event,
        kind="accepted",
        language="fr",
        subject="Bienvenue au camp, $name",
        body="Bonjour $name, voici le lien : $link",
    )
    fr = apply(event, language="fr", name="Léa")
    en = apply(event, language="en", name="Tom")
    services.draft_decisions(applications=[fr, en], decision="accept", actor=organiser)

    services.send_decisions(event=event, actor=organiser)

    by_person = {m.to[0]: m for m in mail.outbox}
    assert by_person[fr.applicant.email].subject.endswith("Bienvenue au camp, Léa")
    assert fr.get_absolute_url() in by_person[fr.applicant.email].body
    assert by_person[en.applicant.email].subject.endswith(
        f"You have a place at {event.title}"
    )


def test_email_template_form_refuses_unknown_placeholders(client, organiser, event):
    client.force_login(organiser)
    url = reverse("events:email", args=[event.slug, "accepted", "de"])

    bad = client.post(url, {"subject": "Hallo $vorname", "body": "Text"})
    good = client.post(url, {"subject": "Hallo $name", "body": "Willkommen $event"})
    page = client.get(url)

    assert bad.status_code == 200
    assert good.status_code == 302
    assert page.context["preview"].subject == "Hallo Alex Example"
    assert EmailTemplate.objects.get().subject == "Hallo $name"


def test_other_organisers_cannot_draft_on_this_event(client, event):
    other = UserFactory()
    make_event(organisers=[other])
    application = apply(event)
    client.force_login(other)

    response = client.post(
        reverse("events:selection", args=[event.slug]),
        {"decision": "accept", "selected": [application.pk]},
    )

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.draft_decision == ""


def test_the_selection_rows_show_each_cell_escaped_and_translated(
    client, organiser, event
):
    oulu = Title.objects.get(year=2026, city__name="Oulu")
    q = Question.objects.create(event=event, kind="yes_no", label="Vegetarian?")
    city = apply(event, name="Ana <b>Sousa</b>", title=oulu, country="FI")
    other = apply(
        event, name="Ben & co", organisation="Kultur <i>e.V.</i>", role="researcher"
    )
    Application.objects.filter(pk=city.pk).update(
        offer_state="offered",
        offer_expires_at=timezone.now() + timedelta(days=2),
        draft_decision="accept",
    )
    Answer.objects.create(application=city, question=q, value=True)
    client.force_login(organiser)
    url = reverse("events:selection", args=[event.slug])

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    with_answers = client.get(url, {"question": q.pk}).content.decode()

    assert (
        f'<th scope="row"><a href="{city.get_absolute_url()}">'
        "Ana &lt;b&gt;Sousa&lt;/b&gt;</a></th><td>Oulu 2026</td><td>Finlande</td>"
    ) in page
    assert (
        f'<label for="select-{city.pk}" class="visually-hidden">'
        "Sélectionner Ana &lt;b&gt;Sousa&lt;/b&gt;</label>"
    ) in page
    assert '<span class="badge">Place proposée</span>' in page
    assert "<td><strong>Accepter</strong></td>" in page
    assert (
        f'<a href="{other.get_absolute_url()}">Ben &amp; co</a></th>'
        "<td>Kultur &lt;i&gt;e.V.&lt;/i&gt;</td><td>—</td>"
    ) in page
    assert "<td>Yes</td>" in with_answers
    assert "<i>" not in page
