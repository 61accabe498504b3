"""Reading the quiz questions and assignment rubrics of a course archive's
``course.yaml`` (``transfer_import.py`` reads the rest): each returns the
fields to save, or refuses with a ``ValidationError`` naming the place in
the manifest (``where``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .enums import QuestionKind
from .models import Question, RubricCriterion, RubricLevel
from .transfer_archive import (
    choice_field,
    flag_field,
    list_field,
    mapping,
    model_errors,
    number_field,
    refuse,
    text_field,
)


def read_question(data: Any, where: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = mapping(data, where)
    kind = choice_field(data, "kind", where, QuestionKind)
    fields: dict[str, Any] = {
        "kind": kind,
        "prompt": text_field(data, "text", where),
        "feedback": text_field(data, "feedback", where, required=False),
    }
    choices: list[dict[str, Any]] = []
    if kind in {QuestionKind.SINGLE, QuestionKind.MULTIPLE}:
        for item in list_field(data, "choices", where):
            item = mapping(item, where)
            choices.append(
                {
                    "text": text_field(item, "text", where),
                    "is_correct": flag_field(item, "correct", where, default=False),
                    "match": "",
                }
            )
        right = sum(c["is_correct"] for c in choices)
        if (
            len(choices) < 2
            or right < 1
            or (kind == QuestionKind.SINGLE and right != 1)
        ):
            raise refuse(
                _(
                    "%(where)s: a single-choice question needs two options or "
                    "more with exactly one right, a multiple-choice question "
                    "two or more with at least one right."
                ),
                where=where,
            )
    elif kind == QuestionKind.MATCHING:
        for item in list_field(data, "pairs", where):
            item = mapping(item, where)
            choices.append(
                {
                    "text": text_field(item, "item", where),
                    "is_correct": False,
                    "match": text_field(item, "match", where),
                }
            )
        if len(choices) < 2:
            raise refuse(
                _("%(where)s: a matching question needs two pairs or more."),
                where=where,
            )
    elif kind == QuestionKind.TRUE_FALSE:
        if not isinstance(data.get("answer"), bool):
            raise refuse(_("%(where)s: “answer” must be true or false."), where=where)
        fields["answer_is_true"] = data["answer"]
    else:
        answers = list_field(data, "accepted_answers", where)
        if not answers or not all(isinstance(a, str) and a.strip() for a in answers):
            raise refuse(
                _("%(where)s: a short-answer question needs its accepted answers."),
                where=where,
            )
        fields["accepted_answers"] = "\n".join(a.strip() for a in answers)
    for choice in choices:
        if len(choice["text"]) > 300 or len(choice["match"]) > 300:
            raise refuse(
                _("%(where)s: an option is longer than 300 characters."), where=where
            )
    try:
        Question(**fields).clean_fields(exclude=["lesson"])
    except ValidationError as error:
        raise model_errors(where, Question, error) from None
    return fields, choices


def read_rubric(data: dict[str, Any], where: str) -> list[dict[str, Any]]:
    criteria = []
    for n, item in enumerate(list_field(data, "rubric", where), start=1):
        place = _("%(lesson)s, criterion %(n)s") % {"lesson": where, "n": n}
        item = mapping(item, place)
        levels = []
        for level in list_field(item, "levels", place):
            level = mapping(level, place)
            levels.append(
                {
                    "points": number_field(
                        level, "points", place, default=-1, low=0, high=100
                    ),
                    "description": text_field(level, "description", place),
                }
            )
        title = text_field(item, "criterion", place)
        description = text_field(item, "description", place, required=False)
        criterion: dict[str, Any] = {
            "title": title,
            "description": description,
            "levels": levels,
        }
        if len(levels) < 2 or len({lv["points"] for lv in levels}) != len(levels):
            raise refuse(
                _(
                    "%(where)s: a criterion needs two levels or more, each with "
                    "different points."
                ),
                where=place,
            )
        try:
            RubricCriterion(title=title, description=description).clean_fields(
                exclude=["lesson"]
            )
        except ValidationError as error:
            raise model_errors(place, RubricCriterion, error) from None
        for lv in levels:
            try:
                RubricLevel(**lv).clean_fields(exclude=["criterion"])
            except ValidationError as error:
                raise model_errors(place, RubricLevel, error) from None
        criteria.append(criterion)
    if not criteria:
        raise refuse(_("%(where)s: an assignment needs its rubric."), where=where)
    return criteria
