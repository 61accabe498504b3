"""Courses: course → modules → lessons, the learners' enrolments and their
progress through the lessons (``course``), quizzes (``quiz``) and cohorts'
live sessions and versions (``cohort``), and what learners hand in for
assignments with the trainers' and peers' reviews (``work``)."""

from .cohort import CourseVersion, LiveSession
from .course import (
    Course,
    CourseEvent,
    Enrolment,
    EnrolmentEvent,
    Lesson,
    LessonProgress,
    Module,
)
from .quiz import Attempt, Choice, Question
from .work import Review, RubricCriterion, RubricLevel, Submission

__all__ = [
    "Attempt",
    "Choice",
    "Course",
    "CourseEvent",
    "CourseVersion",
    "Enrolment",
    "EnrolmentEvent",
    "Lesson",
    "LessonProgress",
    "LiveSession",
    "Module",
    "Question",
    "Review",
    "RubricCriterion",
    "RubricLevel",
    "Submission",
]
