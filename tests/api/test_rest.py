from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecoc_hub.api import services as api_services
from ecoc_hub.library import samples
from ecoc_hub.library.models import Resource

from .conftest import deposit

SITE = "https://hub.example.org"


@pytest.fixture(autouse=True)
def _fresh_rate_counters(db):
    cache.clear()
    yield
    cache.clear()


def _token(user) -> str:
    return api_services.create_token(user=user, name="tests").secret


def _auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {_token(user)}"}


# Documentation --------------------------------------------------------------


def test_openapi_document_lists_the_v1_paths(client, db):
    response = client.get("/api/openapi.json")

    paths = sorted(response.json()["paths"])
    assert response.status_code == 200
    assert paths == [
        "/api/v1/capacity-areas",
        "/api/v1/courses",
        "/api/v1/courses/{slug}",
        "/api/v1/events",
        "/api/v1/events/{slug}",
        "/api/v1/events/{slug}/sessions",
        "/api/v1/expert-calls",
        "/api/v1/expert-calls/{slug}",
        "/api/v1/experts",
        "/api/v1/experts/{slug}",
        "/api/v1/podcasts/shows",
        "/api/v1/podcasts/shows/{slug}/episodes",
        "/api/v1/resources",
        "/api/v1/resources/{uuid}",
        "/api/v1/resources/{uuid}/files",
        "/api/v1/resources/{uuid}/publish",
        "/api/v1/resources/{uuid}/submit",
        "/api/v1/self-assessment/framework",
        "/api/v1/self-assessment/framework/{number}",
        "/api/v1/self-assessments",
        "/api/v1/self-assessments/{uuid}",
        "/api/v1/speakers",
        "/api/v1/title-cities",
    ]


def test_api_docs_page_is_served_from_local_static_files(client, db):
    response = client.get("/api/docs")

    body = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn." not in body


# Reading --------------------------------------------------------------------


def test_search_returns_results_facets_and_links(client, member, curator):
    kit = deposit(owner=member, curator=curator, title="Volunteering toolkit")
    deposit(owner=member, curator=curator, title="Audience guide")

    response = client.get("/api/v1/resources?q=volunteering")

    data = response.json()
    assert response.status_code == 200
    assert (data["count"], data["page"], data["pages"]) == (1, 1, 1)
    assert [r["uuid"] for r in data["results"]] == [str(kit.uuid)]
    assert data["results"][0]["url"] == SITE + kit.get_absolute_url()
    assert data["facets"]["type"] == [
        {"value": "toolkit", "label": "Toolkit", "count": 1, "selected": False}
    ]
    assert data["links"]["next"] is None


def test_search_pages_with_links_and_a_link_header(client, member, curator):
    for n in range(3):
        deposit(owner=member, curator=curator, title=f"Guide {n}")

    response = client.get("/api/v1/resources?per_page=2&type=toolkit")

    data = response.json()
    base = f"{SITE}/api/v1/resources?per_page=2&type=toolkit&page="
    assert (data["count"], data["pages"]) == (3, 2)
    assert data["links"] == {
        "self": base + "1",
        "first": base + "1",
        "last": base + "2",
        "next": base + "2",
        "prev": None,
    }
    assert response["Link"] == (
        f'<{base}1>; rel="first", <{base}2>; rel="last", <{base}2>; rel="next"'
    )


def test_search_hides_members_only_from_visitors_but_not_members(
    client, member, curator
):
    deposit(owner=member, curator=curator, title="Members", access="members")

    anonymous = client.get("/api/v1/resources").json()
    with_token = client.get("/api/v1/resources", headers=_auth(member)).json()

    assert anonymous["count"] == 0
    assert [r["title"] for r in with_token["results"]] == ["Members"]


def test_resource_detail_lists_downloadable_files(client, published):
    response = client.get(f"/api/v1/resources/{published.uuid}")

    file = published.files.get()
    assert response.json()["files"] == [
        {
            "uuid": str(file.uuid),
            "name": "report.pdf",
            "label": "",
            "kind": "pdf",
            "media_type": "application/pdf",
            "size": file.blob.size,
            "version": 1,
            "url": SITE + file.get_absolute_url(),
        }
    ]


def test_embargoed_files_are_not_listed(client, member, curator):
    import datetime as dt

    resource = deposit(
        owner=member,
        curator=curator,
        embargo_until=dt.date.today() + dt.timedelta(days=5),
    )

    response = client.get(f"/api/v1/resources/{resource.uuid}/files")

    assert response.json() == []


@pytest.mark.parametrize(
    ("setup", "status"),
    [("members", 403), ("draft", 404), ("withdrawn", 410), ("missing", 404)],
)
def test_hidden_resources_are_problems(client, member, curator, setup, status):
    from ecoc_hub.library import services

    if setup == "members":
        uuid = deposit(owner=member, curator=curator, access="members").uuid
    elif setup == "draft":
        uuid = deposit(owner=member, curator=curator, state="draft").uuid
    elif setup == "withdrawn":
        resource = deposit(owner=member, curator=curator)
        services.withdraw(resource=resource, curator=curator, reason="Gone.")
        uuid = resource.uuid
    else:
        uuid = "00000000-0000-0000-0000-000000000000"

    response = client.get(f"/api/v1/resources/{uuid}")

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == status


def test_title_cities_and_capacity_areas(client, db):
    titles = client.get("/api/v1/title-cities?year=2026").json()
    areas = client.get("/api/v1/capacity-areas?per_page=1").json()

    assert [(t["city"], t["set_spec"]) for t in titles["results"]] == [
        ("Oulu", "city:oulu-fi-2026"),
        ("Trenčín", "city:trencin-sk-2026"),
    ]
    assert (len(areas["results"]), areas["links"]["next"] is not None) == (1, True)


def _queries(client, url: str) -> int:
    """Queries a GET sends, leaving out the cache table: the rate limit's
    counters live there, and Django's database cache deletes an expired
    counter when a minute window rolls over, so their count depends on the
    clock, not on the number of resources."""
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return sum("ecoc_hub_cache" not in q["sql"] for q in context.captured_queries)


def test_resource_search_query_count_does_not_grow(client, member, curator):
    # The fewer of two requests each time: a query that some requests make
    # now and then (the full PostgreSQL run once counted 18, then 17, for
    # the same page) is not one that grows with the resources.
    deposit(owner=member, curator=curator, title="One")
    _queries(client, "/api/v1/resources")
    one = min(_queries(client, "/api/v1/resources") for _ in range(2))
    deposit(owner=member, curator=curator, title="Two")
    deposit(owner=member, curator=curator, title="Three")

    three = min(_queries(client, "/api/v1/resources") for _ in range(2))

    assert three == one


# ETags ----------------------------------------------------------------------


def test_etag_answers_if_none_match_with_304(client, published):
    first = client.get(f"/api/v1/resources/{published.uuid}")

    again = client.get(
        f"/api/v1/resources/{published.uuid}",
        headers={"If-None-Match": first["ETag"]},
    )

    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again.content == b""


def test_etag_changes_when_the_resource_changes(client, published, curator):
    from ecoc_hub.library import services

    first = client.get(f"/api/v1/resources/{published.uuid}")
    services.update_metadata(
        resource=published, editor=curator, values={"title": "New title"}
    )

    again = client.get(
        f"/api/v1/resources/{published.uuid}",
        headers={"If-None-Match": first["ETag"]},
    )

    assert again.status_code == 200
    assert again.json()["title"] == "New title"


# Tokens and writing ---------------------------------------------------------


def test_bad_token_is_401_problem_even_for_reading(client, db):
    response = client.get(
        "/api/v1/resources", headers={"Authorization": "Bearer ecoc_wrong"}
    )

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Bearer realm="ECoC Hub"'


def test_revoked_token_no_longer_works(client, member):
    created = api_services.create_token(user=member, name="old")
    api_services.revoke_token(token=created.token)

    response = client.post(
        "/api/v1/resources",
        {"title": "X"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {created.secret}"},
    )

    assert response.status_code == 401


def test_writing_without_a_token_is_refused(client, db):
    response = client.post(
        "/api/v1/resources", {"title": "X"}, content_type="application/json"
    )

    assert response.status_code == 401


def test_member_deposits_uploads_submits_and_curator_publishes(client, member, curator):
    member_headers = _auth(member)
    created = client.post(
        "/api/v1/resources",
        {
            "title": "Volunteer handbook",
            "publication_year": 2025,
            "resource_type": "guide",
            "languages": ["en"],
            "licence": "cc-by-4.0",
            "creators": [{"name": "Vera Volunteer"}],
            "capacity_areas": ["long-term-strategy"],
            "title_cities": ["oulu-fi-2026"],
        },
        content_type="application/json",
        headers=member_headers,
    )
    uuid = created.json()["uuid"]
    upload = client.post(
        f"/api/v1/resources/{uuid}/files",
        {
            "file": SimpleUploadedFile(
                "handbook.pdf", samples.build_pdf(["Page one."], title="Handbook")
            ),
            "label": "Handbook",
        },
        headers=member_headers,
    )
    submitted = client.post(f"/api/v1/resources/{uuid}/submit", headers=member_headers)
    published = client.post(f"/api/v1/resources/{uuid}/publish", headers=_auth(curator))

    assert (created.status_code, created.json()["state"]) == (201, "draft")
    assert (upload.status_code, upload.json()["label"]) == (201, "Handbook")
    assert (submitted.status_code, submitted.json()["state"]) == (200, "submitted")
    assert (published.status_code, published.json()["state"]) == (200, "published")
    resource = Resource.objects.get(uuid=uuid)
    assert (resource.state, resource.owner, resource.files.count()) == (
        "published",
        member,
        1,
    )


def test_member_cannot_publish(client, member, curator):
    resource = deposit(owner=member, curator=curator, state="submitted")

    response = client.post(
        f"/api/v1/resources/{resource.uuid}/publish", headers=_auth(member)
    )

    assert response.status_code == 403
    assert Resource.objects.get(pk=resource.pk).state == "submitted"


def test_outsider_cannot_touch_someone_elses_draft(client, member, outsider, curator):
    draft = deposit(owner=member, curator=curator, state="draft")
    headers = _auth(outsider)

    upload = client.post(
        f"/api/v1/resources/{draft.uuid}/files",
        {"file": SimpleUploadedFile("a.txt", b"hello")},
        headers=headers,
    )
    submit = client.post(f"/api/v1/resources/{draft.uuid}/submit", headers=headers)

    assert (upload.status_code, submit.status_code) == (404, 404)
    assert draft.files.count() == 1


def test_submitting_an_incomplete_draft_is_a_conflict(client, member):
    headers = _auth(member)
    created = client.post(
        "/api/v1/resources",
        {"title": "Empty"},
        content_type="application/json",
        headers=headers,
    ).json()

    response = client.post(
        f"/api/v1/resources/{created['uuid']}/submit", headers=headers
    )

    assert response.status_code == 409
    assert response.json()["detail"].startswith("Before submitting, add:")
    assert Resource.objects.get(uuid=created["uuid"]).state == "draft"


def test_upload_with_a_lying_name_is_refused_and_changes_nothing(
    client, member, curator
):
    draft = deposit(owner=member, curator=curator, state="draft")

    response = client.post(
        f"/api/v1/resources/{draft.uuid}/files",
        {"file": SimpleUploadedFile("fake.pdf", b"not a pdf at all")},
        headers=_auth(member),
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert draft.files.count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"title": ""},
        {"title": "X", "resource_type": "novel"},
        {"title": "X", "publication_year": 1200},
        {"title": "X", "access": "restricted"},
    ],
)
def test_invalid_payloads_are_422_and_create_nothing(client, member, payload):
    response = client.post(
        "/api/v1/resources",
        payload,
        content_type="application/json",
        headers=_auth(member),
    )

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert Resource.objects.count() == 0


def test_unknown_vocabulary_is_400_and_creates_nothing(client, member):
    response = client.post(
        "/api/v1/resources",
        {"title": "X", "languages": ["xx"], "title_cities": ["atlantis-zz-2026"]},
        content_type="application/json",
        headers=_auth(member),
    )

    assert response.status_code == 400
    assert Resource.objects.count() == 0


def test_invalid_language_is_400_and_creates_nothing(client, member):
    response = client.post(
        "/api/v1/resources",
        {"title": "X", "languages": ["xx"]},
        content_type="application/json",
        headers=_auth(member),
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["loc"] == ["languages"]
    assert Resource.objects.count() == 0


# Rate limits ----------------------------------------------------------------


def test_address_rate_limit_answers_429_with_retry_after(client, settings, db):
    settings.ECOC_HUB_API_RATE_PER_ADDRESS = "2/min"

    statuses = [client.get("/api/v1/capacity-areas").status_code for _ in range(3)]
    last = client.get("/api/v1/capacity-areas")

    assert statuses == [200, 200, 429]
    assert last["Content-Type"] == "application/problem+json"
    assert 1 <= int(last["Retry-After"]) <= 60


def test_token_rate_limit_counts_per_token(client, settings, member):
    settings.ECOC_HUB_API_RATE_PER_TOKEN = "1/min"
    first, second = _auth(member), _auth(member)

    statuses = [
        client.get("/api/v1/capacity-areas", headers=first).status_code,
        client.get("/api/v1/capacity-areas", headers=first).status_code,
        client.get("/api/v1/capacity-areas", headers=second).status_code,
    ]

    assert statuses == [200, 429, 200]


# Podcasts ---------------------------------------------------------------------


def test_podcast_shows_and_episodes_are_listed_when_published(client, db):
    from tests.podcasts.conftest import make_episode, make_show

    show = make_show()
    make_show(title="Hidden", slug="hidden", state="draft")
    episode = make_episode(show)
    make_episode(show, title="Draft", slug="draft", number=2, state="draft")

    shows = client.get("/api/v1/podcasts/shows").json()
    episodes = client.get(f"/api/v1/podcasts/shows/{show.slug}/episodes").json()

    assert [s["slug"] for s in shows["results"]] == ["capital-conversations"]
    assert shows["results"][0]["feed_url"] == SITE + show.get_feed_url()
    assert [e["guid"] for e in episodes["results"]] == [str(episode.guid)]
    assert episodes["results"][0]["audio_url"] == SITE + episode.audio_url


def test_episodes_of_an_unpublished_show_are_not_found(client, db):
    from tests.podcasts.conftest import make_show

    make_show(slug="draft-show", state="draft")

    response = client.get("/api/v1/podcasts/shows/draft-show/episodes")

    assert response.status_code == 404


def test_nul_characters_never_reach_the_database(client, member):
    search = client.get("/api/v1/resources?q=a%00b&type=tool%00kit")
    created = client.post(
        "/api/v1/resources",
        {"title": "Bad\x00title"},
        content_type="application/json",
        headers=_auth(member),
    )

    assert search.status_code == 200
    assert created.status_code == 422
    assert Resource.objects.count() == 0


def test_a_workflow_conflict_names_its_code(client, member, curator):
    resource = deposit(owner=member, curator=curator)

    response = client.post(
        f"/api/v1/resources/{resource.uuid}/submit", headers=_auth(member)
    )

    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {
            "loc": [],
            "msg": "This action is not possible while the resource is “Published”.",
            "code": "wrong_state",
        }
    ]


def test_a_curator_may_not_submit_someone_elses_draft(client, member, curator):
    from tests.conftest import _with_mfa

    draft = deposit(owner=member, curator=curator, state="draft")
    _with_mfa(curator)

    response = client.post(
        f"/api/v1/resources/{draft.uuid}/submit", headers=_auth(curator)
    )

    assert (response.status_code, response.json()["detail"]) == (
        403,
        "You may not do this.",
    )
    assert Resource.objects.get(pk=draft.pk).state == "draft"
