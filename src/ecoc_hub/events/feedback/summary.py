"""What organisers see of the answers: counts, averages and distributions
as charts, the comments, and the same as CSV.

A question's figures are shown only once at least ``MIN_ANSWERS`` people
answered it: with fewer, the organisers, who know who attended, could tell
who gave which answer. The same holds for its comments.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ecoc_hub.core.charts import Chart, Series, bar_chart, horizontal_bar_chart

from .defaults import SCALE_LABELS, display
from .models import Survey, SurveyAnswer, SurveyQuestion, SurveyQuestionKind

MIN_ANSWERS = 5


@dataclass
class QuestionSummary:
    question: SurveyQuestion
    answered: int
    #: (label, count) per rating or option, in order.
    counts: list[tuple[str, int]] = field(default_factory=list)
    average: float | None = None
    texts: list[str] = field(default_factory=list)
    chart: Chart | None = None

    @property
    def suppressed(self) -> bool:
        return self.answered < MIN_ANSWERS

    @property
    def label(self) -> str:
        return display(self.question.label)

    @property
    def session_title(self) -> str:
        session = self.question.session
        return session.title if session else ""


@dataclass(frozen=True)
class SurveySummary:
    survey: Survey
    invited: int
    responses: int
    questions: list[QuestionSummary]
    averages: Chart | None


def _scale(summary: QuestionSummary, ratings: list[int]) -> None:
    tally = Counter(ratings)
    summary.counts = [
        (display(label), tally[n]) for n, label in enumerate(SCALE_LABELS, 1)
    ]
    summary.average = sum(ratings) / len(ratings) if ratings else None
    if summary.suppressed:
        return
    summary.chart = bar_chart(
        title=summary.label,
        description=_(
            "How many people gave each rating from 1 (very poor) to 5 (excellent)."
        ),
        categories=[label for label, _count in summary.counts],
        series=[Series(_("Answers"), [count for _n, count in summary.counts])],
        category_label=_("Rating"),
    )


def _choice(summary: QuestionSummary, choices: list[str]) -> None:
    tally = Counter(choices)
    options = list(summary.question.choices)
    options += sorted(set(tally) - set(options))  # options removed since
    summary.counts = [(display(option), tally[option]) for option in options]
    if summary.suppressed or not options:
        return
    summary.chart = horizontal_bar_chart(
        title=summary.label,
        description=_("How many people chose each option."),
        categories=[label for label, _count in summary.counts],
        series=[Series(_("Answers"), [count for _label, count in summary.counts])],
        category_label=_("Option"),
    )


def build_summary(survey: Survey) -> SurveySummary:
    questions = list(survey.questions.select_related("session"))
    by_question: dict[int, list[SurveyAnswer]] = {q.pk: [] for q in questions}
    # Ordered by the random key: the comments' order says nothing about
    # when (or so by whom) they were written.
    for answer in SurveyAnswer.objects.filter(response__survey=survey).order_by("pk"):
        by_question.setdefault(answer.question_id, []).append(answer)
    summaries = []
    for question in questions:
        answers = by_question[question.pk]
        summary = QuestionSummary(question=question, answered=len(answers))
        if question.kind == SurveyQuestionKind.SCALE:
            _scale(summary, [a.rating for a in answers if a.rating])
        elif question.kind == SurveyQuestionKind.CHOICE:
            _choice(summary, [a.choice for a in answers if a.choice])
        elif not summary.suppressed:
            summary.texts = [a.text for a in answers if a.text]
        summaries.append(summary)
    return SurveySummary(
        survey=survey,
        invited=survey.invitations.count(),
        responses=survey.responses.count(),
        questions=summaries,
        averages=_averages(summaries),
    )


def _averages(summaries: list[QuestionSummary]) -> Chart | None:
    rated = [
        s
        for s in summaries
        if s.question.kind == SurveyQuestionKind.SCALE and not s.suppressed
    ]
    if not rated:
        return None
    return horizontal_bar_chart(
        title=_("Average rating per question"),
        description=_("The mean rating of each question, on a scale from 1 to 5."),
        categories=[
            # The session first: the chart shortens long labels, and every
            # session shares the same question text.
            f"{s.session_title}: {s.label}" if s.session_title else s.label
            for s in rated
        ],
        series=[Series(_("Average rating"), [s.average for s in rated])],
        category_label=_("Question"),
        decimals=1,
        maximum=5,
    )


def summary_csv(summary: SurveySummary) -> str:
    """One row per rating or option with its count, then one per comment."""
    out = io.StringIO()
    writer = csv.writer(out)
    hidden = _("Fewer than %(count)d answers: not shown") % {"count": MIN_ANSWERS}
    writer.writerow(
        [_("Question"), _("Session"), _("Answer"), _("Count"), _("Average"), _("Note")]
    )
    for s in summary.questions:
        start = [_cell(s.label), _cell(s.session_title)]
        if s.suppressed:
            writer.writerow([*start, "", "", "", hidden])
            continue
        average = "" if s.average is None else number_format(s.average, 2)
        for label, count in s.counts:
            writer.writerow([*start, label, count, average, ""])
        for text in s.texts:
            writer.writerow([*start, _cell(text), "", "", ""])
    return out.getvalue()


def _cell(text: str) -> str:
    # A spreadsheet would run a cell that starts like a formula.
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text
