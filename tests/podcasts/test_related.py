import datetime as dt

from django.utils import timezone

from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.podcasts.models import State

from .conftest import make_episode


def test_title_and_capacity_area_pages_list_public_episodes(client, show):
    title = Title.objects.get(city__name="Elefsina", year=2023)
    area = CapacityArea.objects.get(code="audience-development")
    public = make_episode(show, slug="public", title="Public talk")
    draft = make_episode(
        show, slug="draft", title="Draft talk", state=State.DRAFT, published_at=None
    )
    later = make_episode(
        show,
        slug="later",
        title="Later talk",
        published_at=timezone.now() + dt.timedelta(days=1),
    )
    for episode in (public, draft, later):
        episode.titles.add(title)
        episode.capacity_areas.add(area)

    title_page = client.get(title.get_absolute_url())
    area_page = client.get(area.get_absolute_url())

    for response in (title_page, area_page):
        sections = response.context["related_sections"]
        episodes = next(s for s in sections if s.heading == "Podcast episodes")
        assert [e.title for e in episodes.context["episodes"]] == ["Public talk"]
