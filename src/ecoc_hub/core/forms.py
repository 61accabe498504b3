"""The site's one form layout: a form renderer whose templates every form uses,
and the error summary shown at the top of a form that failed validation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .collation import sort_by_name
from .markup import attributes, escape


class FormRenderer(DjangoTemplates):
    """Labels above inputs, help and errors tied to the input, an error summary."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    formset_template_name = "core/forms/formset.html"


class MenuSelect(forms.Select):
    """A ``<select>`` written in Python: the same markup as Django's
    ``select.html``, without building each option's context and rendering a
    template (and its attributes' template) for it, which cost most of a
    filter form's time with a hundred options. Options in groups fall back to
    Django's templates."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        values = set(self.format_value(value))
        chosen = False
        options = []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                return super().render(name, value, attrs, renderer)
            text = "" if option_value is None else str(option_value)
            # As Django's ``optgroups``: one option selected at most.
            selected = not chosen and text in values
            chosen = chosen or selected
            options.append(
                f'\n  <option value="{escape(text)}"'
                f"{' selected' if selected else ''}>{escape(label)}</option>"
            )
        return mark_safe(  # noqa: S308 - every value escaped above
            f'<select name="{escape(name)}"'
            f"{attributes(self.build_attrs(self.attrs, attrs))}>"
            f"{''.join(options)}\n</select>"
        )


class ChooserWidget(forms.CheckboxSelectMultiple):
    """A list of checkboxes that ``core/js/chooser.js`` turns into a filterable
    chooser: a text box (an ARIA combobox) whose list offers the options whose
    names match what is typed, and the chosen ones shown as removable chips.

    Without JavaScript the checkboxes are the form; with it they stay the form
    (the script ticks them), so what is sent is the same. ``terms(value)`` may
    give more words that find an option (a city's names in other languages).
    """

    template_name = "core/forms/widgets/chooser.html"

    class Media:
        js = ["core/js/chooser.js"]

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        choices: Any = (),
        *,
        terms: Callable[[Any], str] | None = None,
    ) -> None:
        super().__init__(attrs, choices)
        self.terms = terms

    def optgroups(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None
    ) -> list[Any]:
        groups = super().optgroups(name, value, attrs)
        # The chosen options first, in the order they were chosen (a
        # resource's first language is its main one); then the others.
        order = {str(chosen): position for position, chosen in enumerate(value)}
        return sorted(
            groups, key=lambda group: order.get(str(group[1][0]["value"]), len(order))
        )

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: bool,
        index: int,
        subindex: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        option = super().create_option(
            name, value, label, selected, index, subindex, attrs
        )
        if self.terms is not None and value not in ("", None):
            # A model's option carries its object (ModelChoiceIteratorValue).
            option["attrs"]["data-terms"] = self.terms(
                getattr(value, "instance", value)
            )
        return option


@dataclass(frozen=True)
class SummaryError:
    """One line of an error summary: the message and the field it links to."""

    message: str
    target: str = ""


def field_anchor(bound: forms.BoundField) -> str:
    """The id of the element an error link moves to: the input itself, or the
    first option of a group of radio buttons or checkboxes."""
    if bound.use_fieldset:
        subwidgets = bound.subwidgets
        if subwidgets:
            return str(subwidgets[0].id_for_label or bound.auto_id)
    return str(bound.id_for_label or bound.auto_id)


def _form_errors(form: forms.BaseForm, *, row: int | None = None) -> list[SummaryError]:
    found = [SummaryError(str(message)) for message in form.non_field_errors()]
    for name in form.errors:
        if name not in form.fields:
            continue
        bound = form[name]
        if bound.is_hidden:
            found.extend(SummaryError(str(m)) for m in bound.errors)
            continue
        label = str(bound.label)
        if row is not None:
            label = _("%(field)s, row %(number)s") % {"field": label, "number": row}
        for message in bound.errors:
            found.append(
                SummaryError(
                    _("%(field)s: %(message)s") % {"field": label, "message": message},
                    field_anchor(bound),
                )
            )
    return found


def summary_errors(*items: Any) -> list[SummaryError]:
    """Every error of the given forms and formsets, in page order."""
    found: list[SummaryError] = []
    for item in items:
        if item is None or not item.is_bound:
            continue
        if isinstance(item, forms.BaseFormSet):
            found.extend(SummaryError(str(m)) for m in item.non_form_errors())
            for number, form in enumerate(item.forms, start=1):
                found.extend(_form_errors(form, row=number))
        else:
            found.extend(_form_errors(item))
    return found


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field ``name`` typed as the choice field it is, for a form
    that fills its choices in ``__init__`` (``form.fields`` holds plain
    ``Field``s for the type checker)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is a {type(field).__name__}, not a ChoiceField")
    return field


class ByNameIterator(forms.models.ModelChoiceIterator):
    """A model choice field's options sorted by their labels in the reader's
    language (``core.collation``), not by the model's ordering or a code:
    ``field.iterator = ByNameIterator`` or ``sort_options_by_name(field)``."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # A fresh queryset each time, as Django's iterator: no cache kept.
        label = self.field.label_from_instance
        for obj in sort_by_name(self.queryset.all(), key=label):
            yield self.choice(obj)


def sort_options_by_name(field: forms.Field) -> None:
    """Show a model choice field's options sorted by their labels."""
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(field).__name__} is not a ModelChoiceField")
    field.iterator = ByNameIterator
    # The widget copied the choices when the field was built.
    field.widget.choices = field.choices
