"""The result page, its progress table and the PDF report."""

from __future__ import annotations

from django.urls import reverse

from .conftest import make_resource, submitted


def _levels(first: int, second: int):
    return lambda s: {"digital": first, "legacy": second}.get(s.area.code, 4)


def test_the_progress_table_says_up_and_down_without_a_minus_sign(
    client, team, team_admin
):
    submitted(team, team_admin, level=_levels(2, 4), stage="selection")
    now = submitted(team, team_admin, level=_levels(4, 3), stage="monitoring_1")
    client.force_login(team_admin)

    response = client.get(reverse("assessment:result", args=[now.uuid]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "up 2.0" in content
    assert "down 1.0" in content
    assert "down -" not in content


def test_the_result_shows_both_charts_with_their_tables_and_the_advice(
    client, team, team_admin
):
    from ecoc_hub.cities.models import CapacityArea

    make_resource(
        title="Legacy toolkit", areas=[CapacityArea.objects.get(code="legacy")]
    )
    done = submitted(team, team_admin, level=_levels(4, 2))
    client.force_login(team_admin)

    response = client.get(reverse("assessment:result", args=[done.uuid]))

    content = response.content.decode()
    assert content.count("<svg") >= 2
    assert content.count("<figure") == 2
    assert "Legacy and sustainability: level 2.0" in content
    assert "Toolkit to put into practice on Legacy and sustainability." in content


def test_the_report_is_a_pdf_named_after_the_team_and_stage(client, team, team_admin):
    done = submitted(team, team_admin)
    client.force_login(team_admin)

    response = client.get(reverse("assessment:report", args=[done.uuid]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="oulu-team-final-selection.pdf"'
    )
    assert response.content[:5] == b"%PDF-"
