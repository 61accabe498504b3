"""Quizzes: the form a learner answers, its scoring, and attempts.

Each question earns 0 to 1 point: a single choice, a true/false statement
and a short answer are right or wrong; a multiple choice is right when
exactly the correct options are ticked; a matching question earns its share
of the pairs matched right. The score is the percentage of the points of
all questions, rounded; the attempt passes at the lesson's pass mark.
Short answers are compared as the site search compares words (``fold``:
case, accents, width and punctuation do not matter).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.search.analysis import words

from .enums import QuestionKind
from .models import Attempt, Enrolment, Lesson, Question

Q = QuestionKind
TRUE_FALSE = [("true", gettext_lazy("True")), ("false", gettext_lazy("False"))]


def _same_words(text: str) -> str:
    return " ".join(words(text))


def points_for(question: Question, value: Any) -> float:
    choices = list(question.choices.all())
    if question.kind == Q.SINGLE:
        right = {str(c.pk) for c in choices if c.is_correct}
        return 1.0 if str(value) in right else 0.0
    if question.kind == Q.MULTIPLE:
        right = {str(c.pk) for c in choices if c.is_correct}
        return 1.0 if {str(v) for v in value or []} == right else 0.0
    if question.kind == Q.TRUE_FALSE:
        expected = "true" if question.answer_is_true else "false"
        return 1.0 if value == expected else 0.0
    if question.kind == Q.SHORT:
        given = _same_words(str(value or ""))
        return 1.0 if given and given in map(_same_words, question.accepted) else 0.0
    if question.kind == Q.MATCHING:
        if not choices:
            return 0.0
        value = value if isinstance(value, dict) else {}
        matched = sum(1 for c in choices if value.get(str(c.pk)) == c.match)
        return matched / len(choices)
    return 0.0


@dataclass(frozen=True)
class Score:
    points: dict[str, float]
    percent: int
    passed: bool


def score(lesson: Lesson, questions: list[Question], answers: dict[str, Any]) -> Score:
    points = {str(q.pk): points_for(q, answers.get(str(q.pk))) for q in questions}
    total = len(questions)
    percent = round(100 * sum(points.values()) / total) if total else 0
    return Score(points=points, percent=percent, passed=percent >= lesson.pass_mark)


def questions_of(lesson: Lesson) -> list[Question]:
    return list(lesson.questions.prefetch_related("choices"))


class QuizForm(forms.Form):
    """One field per question, named ``q<id>`` (a matching question has one
    per item, ``q<id>_<choice id>``); options in the attempt's order."""

    def __init__(
        self, *args: Any, questions: list[Question], seed: str, shuffle: bool, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.questions = questions
        order = random.Random(seed)  # noqa: S311 - an order, not a secret
        for n, question in enumerate(questions, start=1):
            choices = list(question.choices.all())
            if shuffle:
                order.shuffle(choices)
            label = _("Question %(n)s: %(prompt)s") % {
                "n": n,
                "prompt": question.prompt,
            }
            name = f"q{question.pk}"
            if question.kind == Q.SINGLE:
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    choices=[(str(c.pk), c.text) for c in choices],
                    widget=forms.RadioSelect,
                )
            elif question.kind == Q.MULTIPLE:
                self.fields[name] = forms.MultipleChoiceField(
                    label=label,
                    choices=[(str(c.pk), c.text) for c in choices],
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Tick every right answer."),
                )
            elif question.kind == Q.TRUE_FALSE:
                self.fields[name] = forms.ChoiceField(
                    label=label, choices=TRUE_FALSE, widget=forms.RadioSelect
                )
            elif question.kind == Q.SHORT:
                self.fields[name] = forms.CharField(label=label, max_length=200)
            elif question.kind == Q.MATCHING:
                targets = sorted({c.match for c in choices}, key=str.casefold)
                if shuffle:
                    order.shuffle(targets)
                options = [("", _("Choose…")), *[(t, t) for t in targets]]
                for c in choices:
                    self.fields[f"{name}_{c.pk}"] = forms.ChoiceField(
                        label=_("%(question)s — %(item)s")
                        % {"question": label, "item": c.text},
                        choices=options,
                    )

    def answers(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == Q.MATCHING:
                found[str(question.pk)] = {
                    str(c.pk): self.cleaned_data.get(f"{name}_{c.pk}", "")
                    for c in question.choices.all()
                }
            else:
                found[str(question.pk)] = self.cleaned_data.get(name)
        return found


def attempts_of(enrolment: Enrolment, lesson: Lesson) -> list[Attempt]:
    return list(Attempt.objects.filter(enrolment=enrolment, lesson=lesson))


def attempts_left(lesson: Lesson, used: int) -> int | None:
    """None: unlimited."""
    if not lesson.attempts_allowed:
        return None
    return max(0, lesson.attempts_allowed - used)


@transaction.atomic
def submit_attempt(
    *, enrolment: Enrolment, lesson: Lesson, answers: dict[str, Any]
) -> Attempt:
    """Score and keep an attempt; the lesson is complete once one passes."""
    from .services import complete_lesson

    Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    used = Attempt.objects.filter(enrolment=enrolment, lesson=lesson)
    number = (used.aggregate(m=Max("number"))["m"] or 0) + 1
    left = attempts_left(lesson, number - 1)
    if left == 0:
        raise TransitionError(
            _("No attempts are left at this quiz."), code="no_attempts_left"
        )
    result = score(lesson, questions_of(lesson), answers)
    attempt = Attempt.objects.create(
        enrolment=enrolment,
        lesson=lesson,
        number=number,
        answers=answers,
        points=result.points,
        score=result.percent,
        passed=result.passed,
    )
    if result.passed:
        complete_lesson(enrolment=enrolment, lesson=lesson)
    return attempt
