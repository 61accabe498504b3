from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "ecoc_hub.courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from ecoc_hub.accounts.privacy import register_eraser, register_exporter
        from ecoc_hub.certificates.sources import register_source

        from . import workflow  # noqa: F401 - registers the transition tables
        from .metrics import register as register_metrics
        from .models import Course
        from .offers import register_offers
        from .permissions import can_edit_course
        from .privacy import erase_course_data, export_course_data
        from .related import register_sections

        register_source(
            Course,
            can_manage=can_edit_course,
            link=lambda course: (course.title, course.get_absolute_url()),
        )
        register_offers()
        register_sections()
        register_metrics()
        register_exporter("courses", export_course_data)
        register_eraser(erase_course_data)
        # Video and audio lessons (issue 14): their files in backups and
        # fixity, and removed from storage when no lesson uses them any more.
        from ecoc_hub.core import storedfiles

        from .media import lesson_files, watch_deletions

        storedfiles.register("courses", lesson_files)
        watch_deletions()
        # Authoring (issue 14): the cover images, for backup and fixity.
        from ecoc_hub.core import storedfiles

        from .covers import stored_covers

        storedfiles.register("course-covers", stored_covers)
        # Assignments (issue 14): the files learners handed in.
        from .submission_files import stored_submissions

        storedfiles.register("course-submissions", stored_submissions)
        # Versions (issue 14): their ZIP snapshots, deleted with them.
        from . import versions

        storedfiles.register("course-versions", versions.stored_snapshots)
        versions.watch_deletions()
