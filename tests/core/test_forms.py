"""The site's one form layout: every form renders through core/forms/."""

from __future__ import annotations

import lxml.html
import pytest
from django import forms
from django.test.html import parse_html

from ecoc_hub.core.forms import MenuSelect, summary_errors


class ExampleForm(forms.Form):
    title = forms.CharField(label="Title", max_length=5)
    note = forms.CharField(label="Note", required=False, help_text="Optional.")
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree", required=False)


RowFormSet = forms.formset_factory(ExampleForm, extra=0)


def _tree(form: forms.Form) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(str(form), create_parent="div")


def test_each_label_sits_in_one_row_with_its_own_input():
    tree = _tree(ExampleForm())

    rows = tree.xpath('//div[contains(@class, "form-row")]')
    pairs = []
    for row in rows:
        labels = row.xpath(".//label | .//legend")
        inputs = row.xpath(".//input")
        pairs.append((labels[0].text_content().split(" (")[0], inputs[0].get("id")))
    assert pairs == [
        ("Title", "id_title"),
        ("Note", "id_note"),
        ("Kind", "id_kind_0"),
        ("I agree", "id_agree"),
    ]
    assert tree.xpath('//label[@for="id_title"]')[0].getnext().get("id") == "id_title"


def test_required_fields_are_marked_and_optional_ones_are_not():
    tree = _tree(ExampleForm())

    marked = [
        el.text.strip()
        for el in tree.xpath("//label | //legend")
        if el.xpath('span[@class="required"]')
    ]
    assert marked == ["Title", "Kind"]
    assert tree.xpath('//span[@class="required"]')[0].text == "(required)"


def test_an_unbound_form_has_no_error_summary():
    assert _tree(ExampleForm()).xpath('//div[@class="error-summary"]') == []


def test_an_invalid_form_starts_with_an_error_summary_linked_to_each_field():
    form = ExampleForm({"title": "too long", "kind": ""})

    tree = _tree(form)

    summary = tree.xpath('//div[@class="error-summary"]')[0]
    assert summary.get("role") == "alert"
    assert summary.get("tabindex") == "-1"
    assert tree.index(summary) == 0
    links = [(a.get("href"), a.text) for a in summary.xpath(".//a")]
    assert links == [
        ("#id_title", "Title: Ensure this value has at most 5 characters (it has 8)."),
        ("#id_kind_0", "Kind: This field is required."),
    ]


def test_the_error_is_next_to_its_field_and_described_by_it():
    tree = _tree(ExampleForm({"title": "", "kind": "a"}))

    field = tree.get_element_by_id("id_title")
    error = tree.get_element_by_id("id_title_error")
    assert field.get("aria-describedby") == "id_title_error"
    assert field.get("aria-invalid") == "true"
    assert error.text_content() == "This field is required."
    assert error.getparent() is field.getparent()


def test_formset_errors_name_their_row():
    formset = RowFormSet(
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-0-title": "ok",
            "form-0-kind": "a",
            "form-1-title": "",
            "form-1-kind": "b",
        }
    )
    formset.is_valid()

    errors = [(e.target, e.message) for e in summary_errors(formset)]

    assert errors == [("id_form-1-title", "Title, row 2: This field is required.")]


@pytest.mark.django_db
def test_curators_get_the_staff_menu_in_the_header(curator_client):
    page = lxml.html.fromstring(curator_client.get("/").content)

    links = [
        (a.text, a.get("href")) for a in page.xpath('//details[@class="staff-menu"]//a')
    ]
    assert links == [
        ("Moderation queue", "/library/moderation/"),
        ("Reported resources", "/library/moderation/reports/"),
        ("Manage podcasts", "/podcasts/manage/"),
        ("Programme dashboard", "/dashboard/"),
    ]


@pytest.mark.django_db
def test_members_get_no_staff_menu(member_client):
    page = lxml.html.fromstring(member_client.get("/").content)

    assert page.xpath('//details[@class="staff-menu"]') == []


@pytest.mark.django_db
def test_admins_also_get_the_site_administration(client, admin_user):
    from tests.conftest import _with_mfa

    _with_mfa(admin_user)
    client.force_login(admin_user)
    page = lxml.html.fromstring(client.get("/").content)

    labels = [a.text for a in page.xpath('//details[@class="staff-menu"]//a')]
    assert labels[-1] == "Site administration"
    assert len(labels) == 5


def _project_forms() -> list[type[forms.BaseForm]]:
    import importlib
    import inspect
    import pkgutil

    import ecoc_hub

    found = []
    for module_info in pkgutil.walk_packages(ecoc_hub.__path__, "ecoc_hub."):
        if not module_info.name.endswith(".forms"):
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_no_form_asks_for_several_choices_with_a_bare_multiple_select():
    """A <select multiple> of dozens of rows needs Ctrl-click and hides what is
    chosen: long lists use the chooser (core.forms.ChooserWidget), short ones
    checkboxes (issue 9.6)."""
    offenders = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _project_forms()
        for name, field in cls.base_fields.items()
        if type(field.widget) is forms.SelectMultiple
    ]

    assert len(_project_forms()) > 20
    assert offenders == []


def test_no_form_asks_for_codes_typed_by_hand():
    offenders = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _project_forms()
        for name, field in cls.base_fields.items()
        if any(word in name for word in ("languages", "countries", "country"))
        and not isinstance(field, forms.ChoiceField)
    ]

    assert offenders == []


@pytest.mark.parametrize("value", ["", "b&c", "missing"])
def test_menu_select_writes_what_djangos_select_template_writes(value):
    choices = [("", "All"), ("a", 'Say "hi" <b>'), ("b&c", "Zoë & Co"), (3, "Three")]
    attrs = {"id": "id_menu", "aria-describedby": "x y", "required": True}

    ours = MenuSelect(choices=choices).render("menu", value, attrs=attrs)
    django = forms.Select(choices=choices).render("menu", value, attrs=attrs)

    assert parse_html(ours) == parse_html(django)
    assert "&lt;b&gt;" in ours


def test_menu_select_leaves_options_in_groups_to_djangos_templates():
    choices = [("Cities", [("oulu", "Oulu"), ("nova", "Nova Gorica")])]

    html = MenuSelect(choices=choices).render("menu", "nova")

    assert html == forms.Select(choices=choices).render("menu", "nova")
    assert '<optgroup label="Cities">' in html
