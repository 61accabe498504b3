"""The course ZIP's links (issue 14): prerequisites by slug, trainers as
informational authors (names, never e-mails), a cohort module's dates; the
export command; slugs that would hide a page of the courses' URLs."""

from __future__ import annotations

import io
import zipfile

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from ecoc_hub.courses import services
from ecoc_hub.courses.transfer import MANIFEST, export_course
from ecoc_hub.courses.transfer_import import import_course

from .conftest import make_course


def _manifest(content: bytes) -> dict:
    return yaml.safe_load(zipfile.ZipFile(io.BytesIO(content)).read(MANIFEST))


def test_the_export_names_prerequisites_and_authors_never_e_mails(course, trainer):
    before = make_course(slug="before-this", title="Before this")
    services.update_course(course=course, changes={}, prerequisites=[before])

    content = export_course(course)

    meta = _manifest(content)["course"]
    assert meta["prerequisites"] == ["before-this"]
    assert meta["authors"] == ["Tina Trainer"]
    assert trainer.email not in content.decode("latin-1")


def test_the_import_links_the_prerequisites_found_and_reports_the_others(
    course, trainer
):
    here = make_course(slug="here", title="Here")
    gone = make_course(slug="gone", title="Gone")
    services.update_course(course=course, changes={}, prerequisites=[here, gone])
    content = export_course(course)
    gone.delete()
    unlinked: list[str] = []

    copy = import_course(io.BytesIO(content), user=trainer, unlinked=unlinked)

    assert list(copy.prerequisites.values_list("slug", flat=True)) == ["here"]
    assert unlinked == ["gone"]
    # Authors are information: the importer is the trainer, nobody else.
    assert list(copy.trainers.all()) == [trainer]


def test_a_cohort_module_keeps_its_dates(trainer):
    course = make_course(
        mode="cohort", starts_on="2030-01-01", ends_on="2030-03-01", trainers=[trainer]
    )
    module = course.modules.get()
    services.update_module(
        module=module, title=module.title, opens_after_days=7, due_after_days=14
    )

    copy = import_course(io.BytesIO(export_course(course)), user=trainer)

    imported = copy.modules.get()
    assert (imported.opens_after_days, imported.due_after_days) == (7, 14)
    assert imported.opens_on is None


def test_an_archive_with_both_opening_kinds_is_refused(course, trainer):
    manifest = _manifest(export_course(course))
    manifest["modules"][0] |= {
        "opens_after_days": 2,
        "opens_on": "2030-01-05",
        "lessons": [],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(MANIFEST, yaml.safe_dump(manifest))
    before = course.__class__.objects.count()

    with pytest.raises(ValidationError, match="not both"):
        import_course(io.BytesIO(buffer.getvalue()), user=trainer)
    assert course.__class__.objects.count() == before


def test_the_export_command_writes_the_archive(course, tmp_path):
    target = tmp_path / "course.zip"
    out = io.StringIO()

    call_command("export_course", course.slug, str(target), stdout=out)

    assert target.read_bytes() == export_course(course)
    assert "Exported" in out.getvalue()
    with pytest.raises(CommandError, match="exists"):
        call_command("export_course", course.slug, str(target))
    call_command("export_course", course.slug, str(target), "--force", stdout=out)
    with pytest.raises(CommandError, match="No course"):
        call_command("export_course", "no-such-course", str(tmp_path / "x.zip"))
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize("title", ["Import", "New", "Mine"])
def test_a_course_titled_like_a_page_does_not_hide_it(curator_client, title):
    course = services.create_course(creator=None, title=title, summary="S")

    assert course.slug == f"{title.lower()}-course"
    assert curator_client.get(course.get_absolute_url()).status_code == 200
    page = curator_client.get(reverse("courses:import"))
    assert page.status_code == 200
    assert "courses/import_form.html" in [t.name for t in page.templates]
