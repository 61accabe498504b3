import pytest
from django.urls import reverse

from ecoc_hub.cities import related
from ecoc_hub.cities.models import City, Title
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/cities/"


def _listed(response) -> list[str]:
    return [
        f"{title.city.name} {title.year}"
        for group in response.context["year_groups"]
        for title in group.titles
    ]


def _public_count() -> int:
    return Title.objects.exclude(status=Title.Status.UNVERIFIED).count()


# The directory ----------------------------------------------------------------


def test_directory_lists_every_public_title_grouped_by_year(client):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert response.context["result_count"] == _public_count()
    years = [group.year for group in response.context["year_groups"]]
    assert years == sorted(set(years))
    assert years[0] == 1985
    assert years[-1] == 2030
    first = response.context["year_groups"][0]
    assert [title.city.name for title in first.titles] == ["Athens"]


def test_directory_filters_by_decade_country_and_status(client):
    response = client.get(
        LIST_URL, {"decade": "2020", "country": "SK", "status": "title_year"}
    )

    assert _listed(response) == ["Trenčín 2026"]


def test_directory_search_ignores_case_and_accents(client):
    response = client.get(LIST_URL, {"q": "TRENCIN"})

    assert _listed(response) == ["Trenčín 2026"]


def test_directory_search_finds_every_title_of_a_city(client):
    response = client.get(LIST_URL, {"q": "luxembourg"})

    assert _listed(response) == ["Luxembourg 1995", "Luxembourg 2007"]


def test_directory_says_when_nothing_matches(client):
    response = client.get(LIST_URL, {"q": "Atlantis"})

    assert response.context["result_count"] == 0
    assert "No title matches these filters." in response.content.decode()


def test_directory_with_a_forged_filter_shows_the_error_and_every_title(client):
    response = client.get(LIST_URL, {"decade": "1870", "country": "XX"})

    assert response.status_code == 200
    assert response.context["result_count"] == _public_count()
    assert set(response.context["form"].errors) == {"decade", "country"}
    assert "Select a valid choice." in response.content.decode()


def test_directory_answers_htmx_with_the_results_fragment_only(client):
    response = client.get(LIST_URL, {"q": "oulu"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert '<section id="directory-results"' in content
    assert (
        'id="result-count" class="result-count" role="status" hx-swap-oob="true"'
        in (content)
    )
    assert 'href="/cities/oulu-fi/2026/"' in content
    assert response["Vary"].count("HX-Request") == 1


def test_directory_gives_the_whole_page_to_an_htmx_history_restore(client):
    response = client.get(
        LIST_URL,
        {"q": "oulu"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    content = response.content.decode()
    assert "<html" in content
    assert "hx-swap-oob" not in content


def test_directory_form_works_without_javascript(client):
    response = client.get(LIST_URL)

    content = response.content.decode()
    assert 'method="get" action="/cities/"' in content
    assert '<label for="id_q">City name</label>' in content


@pytest.mark.parametrize(
    ("params", "count"), [({"q": "oulu"}, 1), ({"country": "IE"}, 3)]
)
def test_directory_query_count_does_not_grow_with_the_results(
    client, django_assert_num_queries, params, count
):
    with django_assert_num_queries(1):
        response = client.get(LIST_URL, params)

    assert response.context["result_count"] == count


@pytest.mark.parametrize(
    ("params", "count"), [({"q": "oulu"}, 1), ({"country": "IE"}, 3)]
)
def test_directory_query_count_for_a_curator_does_not_grow_with_the_results(
    curator_client, django_assert_num_queries, params, count
):
    with django_assert_num_queries(5):
        response = curator_client.get(LIST_URL, params)

    assert response.context["result_count"] == count


# Unverified titles -------------------------------------------------------------


@pytest.fixture
def as_visitor(client):
    return client


@pytest.fixture
def as_outsider(client, outsider):
    client.force_login(outsider)
    return client


@pytest.fixture(params=["as_visitor", "member_client", "as_outsider"])
def public_client(request):
    return request.getfixturevalue(request.param)


def test_visitor_and_member_never_see_an_unverified_title_in_the_directory(
    public_client,
):
    response = public_client.get(LIST_URL, {"decade": "2020"})

    assert "Kiruna 2029" not in _listed(response)
    assert "Kiruna" not in response.content.decode()


def test_visitor_and_member_cannot_search_an_unverified_title(public_client):
    response = public_client.get(LIST_URL, {"q": "kiruna"})

    assert response.context["result_count"] == 0


def test_visitor_and_member_cannot_filter_on_the_unverified_status(public_client):
    response = public_client.get(LIST_URL, {"status": "unverified"})

    assert response.context["form"].errors == {
        "status": [
            "Select a valid choice. unverified is not one of the available choices."
        ]
    }
    assert "Kiruna 2029" not in _listed(response)


def test_visitor_and_member_get_404_for_an_unverified_title_page(public_client):
    response = public_client.get("/cities/kiruna-se/2029/")

    assert response.status_code == 404


def test_visitor_and_member_get_404_for_a_city_with_only_unverified_titles(
    public_client,
):
    response = public_client.get("/cities/kiruna-se/")

    assert response.status_code == 404


def test_visitor_and_member_do_not_see_an_unverified_title_of_the_same_year(
    public_client,
):
    response = public_client.get("/cities/lublin-pl/2029/")

    assert response.context["same_year"] == []
    assert "Kiruna" not in response.content.decode()


def test_curator_sees_an_unverified_title_with_its_badge_and_note(curator_client):
    response = curator_client.get(LIST_URL, {"status": "unverified"})

    assert _listed(response) == ["Kiruna 2029"]
    content = response.content.decode()
    assert '<span class="badge badge-unverified">Unverified</span>' in content
    assert "single news source; verify before publishing" in content


def test_curator_sees_the_unverified_title_page_with_a_warning(curator_client):
    response = curator_client.get("/cities/kiruna-se/2029/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Only curators see it until it is verified." in content
    assert "single news source; verify before publishing" in content


def test_curator_sees_the_city_page_of_an_unverified_title(curator_client):
    response = curator_client.get("/cities/kiruna-se/")

    assert response.status_code == 200
    assert [t.year for t in response.context["titles"]] == [2029]


# City and title pages ----------------------------------------------------------


def test_city_page_lists_all_titles_of_the_city(client):
    response = client.get("/cities/luxembourg-lu/")

    assert response.status_code == 200
    assert [title.year for title in response.context["titles"]] == [1995, 2007]
    assert response.context["breadcrumbs"] == [
        ("Cities", reverse("cities:list")),
        ("Luxembourg", "/cities/luxembourg-lu/"),
    ]


def test_city_page_lists_the_teams_of_its_titles(client):
    oulu = Title.objects.get(city__name="Oulu", year=2026)
    team = OrganisationFactory(name="Northern programme team", title=oulu)
    OrganisationFactory(
        name="Trenčín team", title=Title.objects.get(city__name="Trenčín")
    )

    content = client.get("/cities/oulu-fi/").content.decode()

    # Once, in the accounts app's related section: the page has no second list.
    assert content.count(f'href="{team.get_absolute_url()}"') == 1
    assert content.count(">City teams</h2>") == 1
    assert "Trenčín team" not in content


def test_title_page_says_when_no_team_has_joined_yet(client):
    response = client.get("/cities/oulu-fi/2026/")

    (section,) = [
        s for s in response.context["related_sections"] if s.heading == "City teams"
    ]
    assert section.context["teams"] == []
    assert "No city team has joined ECoC Hub for this title yet." in (
        response.content.decode()
    )


def test_unknown_city_is_404(client):
    response = client.get("/cities/atlantis-xx/")

    assert response.status_code == 404


def test_title_page_shows_the_status_note_and_the_other_cities_of_the_year(client):
    response = client.get("/cities/nova-gorica-si/2025/")

    assert response.status_code == 200
    assert [t.city.name for t in response.context["same_year"]] == ["Chemnitz"]
    content = response.content.decode()
    assert "cross-border with Gorizia (Italy)" in content
    assert '<span class="badge badge-held">Held</span>' in content


def test_title_page_of_a_single_title_year(client):
    response = client.get("/cities/athens-gr/1985/")

    assert response.context["same_year"] == []
    assert "Athens is the only European Capital of Culture of 1985." in (
        response.content.decode()
    )


def test_title_page_for_a_year_the_city_did_not_hold_is_404(client):
    response = client.get("/cities/oulu-fi/2025/")

    assert response.status_code == 404


@pytest.fixture
def only_the_teams_section(monkeypatch):
    """The teams are the accounts app's related section, alone."""
    from ecoc_hub.accounts import related as account_sections

    monkeypatch.setattr(
        related,
        "_providers",
        {
            "city": [account_sections.teams_for_city],
            "title": [account_sections.teams_for_title],
            "capacity_area": [],
        },
    )


@pytest.mark.parametrize("teams", [1, 3])
@pytest.mark.usefixtures("only_the_teams_section")
def test_title_page_query_count_does_not_grow_with_the_teams(
    client, django_assert_num_queries, teams
):
    title = Title.objects.get(city__name="Oulu", year=2026)
    OrganisationFactory.create_batch(teams, title=title)

    url = title.get_absolute_url()

    with django_assert_num_queries(3):
        response = client.get(url)

    assert response.content.decode().count('<li><a href="/me/teams/') == teams


@pytest.mark.parametrize("teams", [1, 3])
@pytest.mark.usefixtures("only_the_teams_section")
def test_city_page_query_count_does_not_grow_with_the_teams(
    client, django_assert_num_queries, teams
):
    title = Title.objects.get(city__name="Oulu", year=2026)
    OrganisationFactory.create_batch(teams, title=title)

    url = title.city.get_absolute_url()

    with django_assert_num_queries(3):
        response = client.get(url)

    assert response.content.decode().count('<li><a href="/me/teams/') == teams


def test_title_page_shows_the_sections_of_registered_providers(
    client, settings, tmp_path, monkeypatch
):
    # This provider alone (the apps' own are tested with their apps).
    monkeypatch.setattr(
        related, "_providers", {page: [] for page in related._providers}
    )
    (tmp_path / "related.html").write_text(
        "{% for item in section.context.items %}<p>{{ item }}</p>{% endfor %}"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path]},
    ]

    def provider(*, obj, user):
        if obj.year != 2026:
            return None
        return related.RelatedSection(
            heading="Resources",
            template="related.html",
            context={"items": ["Bid book"]},
        )

    related.register("title", provider)
    try:
        shown = client.get("/cities/oulu-fi/2026/")
        hidden = client.get("/cities/chemnitz-de/2025/")
    finally:
        related.unregister("title", provider)

    assert [s.heading for s in shown.context["related_sections"]] == ["Resources"]
    assert "<p>Bid book</p>" in shown.content.decode()
    assert hidden.context["related_sections"] == []


# Reference pages ---------------------------------------------------------------


def test_criteria_page_lists_the_six_criteria_with_their_capacity_areas(client):
    response = client.get("/cities/criteria/")

    assert response.status_code == 200
    criteria = list(response.context["criteria"])
    assert [c.letter for c in criteria] == ["A", "B", "C", "D", "E", "F"]
    content = response.content.decode()
    assert 'href="/cities/capacity-areas/legacy/"' in content


def test_criteria_page_query_count_is_constant(client, django_assert_num_queries):
    # the areas, one search for their counts: its facet statement, with the
    # index generation and the facet cache lookup before it (facetcache.py)
    with django_assert_num_queries(5):
        client.get("/cities/criteria/")


def test_capacity_area_page_names_its_criterion_and_the_other_areas(client):
    response = client.get("/cities/capacity-areas/legacy/")

    assert response.status_code == 200
    assert response.context["area"].criterion.code == "strategy"
    assert [a.code for a in response.context["siblings"]] == [
        "long-term-strategy",
        "monitoring-evaluation",
    ]


def test_unknown_capacity_area_is_404(client):
    response = client.get("/cities/capacity-areas/no-such-area/")

    assert response.status_code == 404


def test_every_city_in_the_directory_has_a_page(client):
    slugs = list(
        City.objects.filter(titles__status="held").values_list("slug", flat=True)
    )

    statuses = {client.get(f"/cities/{slug}/").status_code for slug in slugs[:5]}

    assert statuses == {200}
