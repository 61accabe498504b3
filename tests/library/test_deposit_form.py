"""Issue 9.6: the deposit form, as a person reads it and as it is sent back.

Labels above inputs and required fields marked (the shared form layout), the
type chosen with no silent default, languages, countries and title cities
chosen by name (checkboxes that chooser.js turns into a filterable chooser),
a step bar that reads as steps, "Remove" as a secondary action, and a chosen
file kept when the form comes back with an error."""

from __future__ import annotations

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecoc_hub.core.uploads import staging_storage
from ecoc_hub.library import samples, services
from ecoc_hub.library.models import Resource

from .conftest import make_resource
from .test_views import METADATA


def _page(response) -> lxml.html.HtmlElement:
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def _main_form(page: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    return page.xpath('//main//form[@method="post"]')[0]


def _row(form: lxml.html.HtmlElement, name: str) -> lxml.html.HtmlElement:
    field = form.xpath(f'.//*[@name="{name}"]')[0]
    return next(a for a in field.iterancestors() if "form-row" in a.get("class", ""))


def _label(row: lxml.html.HtmlElement) -> str:
    return " ".join(row.xpath("(.//label | .//legend)[1]")[0].text_content().split())


def test_every_field_of_the_description_has_its_label_above_it(member_client):
    form = _main_form(_page(member_client.get(reverse("library:deposit"))))

    rows = form.xpath('.//div[contains(@class, "form-row")]')
    first = [row[0].tag for row in rows]
    assert set(first) <= {"label", "fieldset"}
    labels = [_label(row) for row in rows]
    assert labels == [
        "Title (required)",
        "Abstract",
        "Type (required)",
        "Publisher",
        "Publication year (required)",
        "Full publication date",
        "DOI",
        "ISBN",
        "Web address",
        "Creators (required)",
        "Languages (required)",
        "Countries",
        "Capacity areas",
        "Title cities",
        "File",
    ]


def test_required_fields_are_required_for_assistive_technology_too(member_client):
    form = _main_form(_page(member_client.get(reverse("library:deposit"))))

    required = sorted(el.get("name") for el in form.xpath(".//*[@required]"))
    assert required == ["creators", "publication_year", "resource_type", "title"]
    choosers = {
        el.xpath(".//input/@name")[0]: el.get("data-required") is not None
        for el in form.xpath(".//div[@data-chooser]")
    }
    assert choosers == {"languages": True, "countries": False, "titles": False}


def test_the_type_is_chosen_from_a_list_with_no_default(member_client):
    form = _main_form(_page(member_client.get(reverse("library:deposit"))))

    select = form.xpath('.//select[@name="resource_type"]')[0]
    options = select.xpath("./option")
    assert (options[0].get("value"), options[0].text) == ("", "Choose a type")
    assert select.xpath("./option[@selected]/@value") == [""]
    assert "Other" in [option.text for option in options]


def test_a_deposit_without_a_type_is_refused_with_a_summary(member_client):
    response = member_client.post(
        reverse("library:deposit"), {**METADATA, "resource_type": ""}
    )

    page = _page(response)
    summary = page.xpath('//div[@class="error-summary"]')[0]
    assert [(a.get("href"), a.text) for a in summary.xpath(".//a")] == [
        ("#id_resource_type", "Type: This field is required.")
    ]
    assert Resource.objects.count() == 0


@pytest.mark.parametrize(
    ("language", "maltese", "finland", "lisbon"),
    [
        ("en", "Maltese", "Finland", "Lisbon 1994"),
        ("fr", "Maltais", "Finlande", "Lisbonne 1994"),
        ("de", "Maltesisch", "Finnland", "Lissabon 1994"),
    ],
)
def test_languages_countries_and_cities_are_offered_by_name_with_codes_as_values(
    member_client, language, maltese, finland, lisbon
):
    member_client.cookies["ecoc_hub_language"] = language
    form = _main_form(_page(member_client.get(reverse("library:deposit"))))

    def offered(name: str) -> dict[str, str]:
        return {
            box.get("value"): " ".join(box.getparent().text_content().split())
            for box in form.xpath(f'.//input[@type="checkbox"][@name="{name}"]')
        }

    languages, countries, titles = (
        offered("languages"),
        offered("countries"),
        offered("titles"),
    )
    assert (
        form.xpath('.//input[@name="languages_text" or @name="countries_text"]') == []
    )
    assert form.xpath(".//select[@multiple]") == []
    assert languages["mt"] == maltese
    assert len(languages) == 183  # every ISO 639-1 code, each with a name
    assert all(name != code for code, name in languages.items())
    assert countries["FI"] == finland
    assert lisbon in titles.values()
    assert len(titles) >= 84


def test_a_city_is_found_by_its_name_in_any_interface_language(member_client):
    form = _main_form(_page(member_client.get(reverse("library:deposit"))))

    lisbon = form.xpath('.//input[@name="titles"][../text()[contains(., "Lisbon")]]')[0]
    maltese = form.xpath('.//input[@name="languages"][@value="mt"]')[0]
    assert set(lisbon.get("data-terms").split()) >= {"Lisbon", "Lisbonne", "Lissabon"}
    assert set(maltese.get("data-terms").split()) >= {"Maltese", "Maltais", "mt"}


def test_the_chooser_script_is_a_file_of_the_site(member_client):
    page = member_client.get(reverse("library:deposit")).content.decode()

    assert '<script src="/static/core/js/chooser.js"></script>' in page
    assert "<script>" not in page


def test_languages_keep_the_order_they_were_chosen_in(member_client):
    response = member_client.post(
        reverse("library:deposit"),
        {**METADATA, "languages": ["mt", "en"], "countries": ["MT", "FI"]},
    )
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert (resource.languages, resource.countries) == (["mt", "en"], ["MT", "FI"])

    form = _main_form(
        _page(
            member_client.get(reverse("library:deposit_metadata", args=[resource.uuid]))
        )
    )

    checked = form.xpath('.//input[@name="languages"][@checked]/@value')
    first = form.xpath('.//input[@name="languages"]/@value')[:2]
    assert checked == first == ["mt", "en"]


def test_the_steps_read_as_steps(member_client, member):
    resource = make_resource(owner=member, state="draft")

    page = _page(
        member_client.get(reverse("library:deposit_files", args=[resource.uuid]))
    )

    nav = page.xpath('//nav[@class="steps"]')[0]
    assert nav.xpath("./p")[0].text == "Step 2 of 4"
    items = [" ".join(li.text_content().split()) for li in nav.xpath("./ol/li")]
    assert items == [
        "Step 1 of 4: Description",
        "Step 2 of 4: Files",
        "Step 3 of 4: Licence and access",
        "Step 4 of 4: Review",
    ]
    current = nav.xpath('.//*[@aria-current="step"]')
    assert [" ".join(el.text_content().split()) for el in current] == [
        "Step 2 of 4: Files"
    ]
    assert nav.xpath("./ol/li/a/@href") == [
        reverse("library:deposit_metadata", args=[resource.uuid]),
        reverse("library:deposit_access", args=[resource.uuid]),
        reverse("library:deposit_review", args=[resource.uuid]),
    ]


def test_remove_file_is_a_secondary_action(member_client, member):
    resource = make_resource(owner=member, state="draft")

    page = _page(
        member_client.get(reverse("library:deposit_files", args=[resource.uuid]))
    )

    button = page.xpath('//ul[@class="file-list"]//button')[0]
    assert button.text == "Remove report.pdf"
    assert "button-secondary" in button.get("class").split()
    assert "button-danger" not in button.get("class").split()


def test_a_chosen_file_is_kept_when_the_upload_form_has_an_error(member_client, member):
    resource = make_resource(owner=member, state="draft")
    url = reverse("library:deposit_files", args=[resource.uuid])
    pdf = samples.build_pdf(["Volunteers"])

    response = member_client.post(
        url,
        {"file": SimpleUploadedFile("handbook.pdf", pdf), "label": "x" * 201},
    )

    page = _page(response)
    kept = page.xpath('//div[@class="staged-file"]')[0]
    assert " ".join(kept.text_content().split()).startswith(
        "Already uploaded: handbook.pdf, "
    )
    token = page.xpath('//input[@name="file-staged"]/@value')[0]
    assert page.xpath('//div[@class="error-summary"]//a/@href') == ["#id_label"]
    assert resource.files.count() == 1

    response = member_client.post(url, {"file-staged": token, "label": "Handbook"})

    assert response.status_code == 302
    added = resource.files.get(label="Handbook")
    assert added.original_name == "handbook.pdf"
    assert added.blob.size == len(pdf)
    assert not staging_storage().exists(token)


def test_a_file_refused_for_its_content_is_not_kept(member_client, member):
    resource = make_resource(owner=member, state="draft")
    fake = SimpleUploadedFile("report.pdf", samples.docx_bytes(["Not a PDF"]))

    page = _page(
        member_client.post(
            reverse("library:deposit_files", args=[resource.uuid]), {"file": fake}
        )
    )

    assert page.xpath('//div[@class="staged-file"]') == []


def test_the_report_form_uses_the_shared_layout(curator_client, published):
    services.report_resource(
        resource=published, reporter=None, reason="broken", message="It fails."
    )

    page = _page(curator_client.get(reverse("library:reports")))

    row = page.xpath('//form//div[contains(@class, "form-row")]')[0]
    label = row.xpath("./label")[0]
    assert " ".join(label.text_content().split()) == "What was done (required)"
    textarea = page.get_element_by_id(label.get("for"))
    assert textarea.get("name") == "resolution"
    assert textarea.get("required") is not None


def test_the_first_file_chosen_with_the_description_survives_its_errors(
    member_client,
):
    pdf = samples.build_pdf(["Volunteers"])
    response = member_client.post(
        reverse("library:deposit"),
        {
            **METADATA,
            "resource_type": "",
            "file": SimpleUploadedFile("handbook.pdf", pdf),
        },
    )

    page = _page(response)
    kept = page.xpath('//div[@class="staged-file"]')[0]
    assert " ".join(kept.text_content().split()).startswith(
        "Already uploaded: handbook.pdf, "
    )
    assert Resource.objects.count() == 0
    token = page.xpath('//input[@name="file-staged"]/@value')[0]

    response = member_client.post(
        reverse("library:deposit"), {**METADATA, "file-staged": token}
    )

    resource = Resource.objects.get()
    assert response.url == reverse("library:deposit_files", args=[resource.uuid])
    assert [(f.original_name, f.blob.size) for f in resource.files.all()] == [
        ("handbook.pdf", len(pdf))
    ]
    assert not staging_storage().exists(token)


def test_a_description_with_a_refused_file_creates_nothing(member_client):
    fake = SimpleUploadedFile("report.pdf", samples.docx_bytes(["Not a PDF"]))

    response = member_client.post(
        reverse("library:deposit"), {**METADATA, "file": fake}
    )

    assert response.context["form"].errors["file"] == [
        "“report.pdf” is named as PDF but its content is DOCX. "
        "Rename it or upload the right file."
    ]
    assert Resource.objects.count() == 0
