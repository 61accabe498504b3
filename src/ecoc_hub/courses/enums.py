"""The choices of the courses app; constraints and the API are built from them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Mode(models.TextChoices):
    SELF_PACED = "self_paced", _("Self-paced: start any time")
    COHORT = "cohort", _("Cohort: a group that moves together between two dates")


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class EnrolmentPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone signed in may enrol")
    APPROVAL = "approval", _("By approval: a trainer admits each learner")
    TEAMS = "teams", _("City teams: members of a city team may enrol")


class EnrolmentState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for approval")
    ACTIVE = "active", _("Enrolled")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Left the course")
    COMPLETED = "completed", _("Completed")


class LessonKind(models.TextChoices):
    TEXT = "text", _("Text")
    QUIZ = "quiz", _("Quiz")
    MEDIA = "media", _("Video or audio")
    RESOURCE = "resource", _("Library resource")
    ASSIGNMENT = "assignment", _("Assignment")


class CompletionRule(models.TextChoices):
    VIEWED = "viewed", _("Complete when opened")
    PASSED = "passed", _("Complete when the quiz is passed")
    WATCHED = "watched", _("Complete when 90 % is played")
    REVIEWED = "reviewed", _("Complete when the assignment is accepted")


#: How each kind of lesson is completed.
COMPLETION_OF_KIND = {
    LessonKind.TEXT: CompletionRule.VIEWED,
    LessonKind.QUIZ: CompletionRule.PASSED,
    LessonKind.MEDIA: CompletionRule.WATCHED,
    LessonKind.RESOURCE: CompletionRule.VIEWED,
    LessonKind.ASSIGNMENT: CompletionRule.REVIEWED,
}

#: The share of a video or audio lesson a learner must play to complete it.
WATCHED_SHARE = 0.9


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    SHORT = "short", _("Short answer")
    MATCHING = "matching", _("Matching")


# --- Assignments (issue 14): an answer reviewed with a rubric ---------------


class AnswerType(models.TextChoices):
    TEXT = "text", _("A written answer")
    FILE = "file", _("A file")
    EITHER = "either", _("A written answer, a file, or both")


class ReviewMode(models.TextChoices):
    TRAINER = "trainer", _("A trainer reviews each submission")
    PEERS = "peers", _("Two other learners review each submission")


class SubmissionState(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for revision")
    SUPERSEDED = "superseded", _("Replaced by a later submission")


class ReviewRole(models.TextChoices):
    PEER = "peer", _("Peer review")
    TRAINER = "trainer", _("Trainer's review")


#: How many peers review each submission, and how many submissions each
#: learner is given to review.
PEERS_PER_SUBMISSION = 2
