"""The app's registrations: recommendations, search, privacy."""

from ecoc_hub.accounts.privacy import export_user_data
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.cities.offers import offers
from ecoc_hub.core.workflow import transition
from ecoc_hub.courses import quiz, services
from ecoc_hub.courses.models import Attempt, Enrolment, LessonProgress
from ecoc_hub.courses.privacy import erase_course_data
from ecoc_hub.search.models import SearchDocument

from .conftest import add_quiz, lessons_of, make_course


def test_assessment_recommendations_offer_courses_on_the_area(db, member):
    area = CapacityArea.objects.first()
    course = make_course(title="Audiences", capacity_areas=[area])
    make_course(title="Elsewhere")
    make_course(title="Draft", state="draft", capacity_areas=[area])

    found = [o for o in offers(area=area, user=member) if o.kind == "course"]

    assert [(o.title, o.url) for o in found] == [
        ("Audiences", course.get_absolute_url())
    ]
    assert found[0].reason == (
        f"A self-paced course on {area.display_name}, about 1 hour of study."
    )


def test_published_course_and_its_lessons_are_in_the_search_index(trainer):
    course = make_course(trainers=[trainer], state="draft", title="Funding")
    assert not SearchDocument.objects.filter(kind="courses.course").exists()

    transition(course, "publish", actor=trainer)
    document = SearchDocument.objects.get(kind="courses.course")
    lesson = lessons_of(course)[0]
    services.update_lesson(lesson=lesson, changes={"body": "Crowdfunding works."})

    texts = list(document.passages.values_list("text", "target_url"))
    assert document.title == "Funding"
    assert ("Lesson 1. Crowdfunding works.", lesson.get_absolute_url()) in texts
    transition(course, "unpublish", actor=trainer)
    assert not SearchDocument.objects.filter(kind="courses.course").exists()


def test_export_holds_enrolments_progress_and_attempts(trainer, member):
    course = make_course(trainers=[trainer], title="Evaluation")
    lesson, _q = add_quiz(course)
    enrolment = services.enrol(course=course, learner=member)
    services.record_view(enrolment=enrolment, lesson=lessons_of(course)[0])
    quiz.submit_attempt(enrolment=enrolment, lesson=lesson, answers={})

    data = export_user_data(member)["courses"]

    row = data["enrolments"][0]
    assert (row["course"], row["state"]) == ("Evaluation", "active")
    assert [p["lesson"] for p in row["lessons"]] == ["Lesson 1"]
    assert [(a["attempt"], a["score_percent"]) for a in row["quiz_attempts"]] == [
        (1, 0)
    ]


def test_erasure_removes_enrolments_and_trainer_ties(trainer, member):
    course = make_course(trainers=[trainer])
    enrolment = services.enrol(course=course, learner=member)
    services.record_view(enrolment=enrolment, lesson=lessons_of(course)[0])

    erase_course_data(member, contributions="keep")
    erase_course_data(trainer, contributions="keep")

    assert (Enrolment.objects.count(), LessonProgress.objects.count()) == (0, 0)
    assert Attempt.objects.count() == 0
    assert list(course.trainers.all()) == []
