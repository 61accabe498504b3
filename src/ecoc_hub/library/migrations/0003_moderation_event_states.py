"""Moderation events record the states they moved between (core.workflow).

The existing rows keep their decision, actor, comment and time; their
states are derived from the decision (it names the state it led to) and
from the event before it (a record starts as a draft).
"""

from django.db import migrations, models

STATE_AFTER = {
    "submitted": "submitted",
    "approved": "published",
    "changes_requested": "changes_requested",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
    "published_directly": "published",
}


def fill_states(apps, schema_editor):
    ModerationEvent = apps.get_model("library", "ModerationEvent")
    previous: dict[int, str] = {}
    changed = []
    for event in ModerationEvent.objects.order_by("resource_id", "created_at", "pk"):
        event.from_state = previous.get(event.resource_id, "draft")
        event.to_state = STATE_AFTER[event.decision]
        previous[event.resource_id] = event.to_state
        changed.append(event)
    ModerationEvent.objects.bulk_update(
        changed, ["from_state", "to_state"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0002_alter_collection_created_by"),
    ]

    operations = [
        migrations.AddField(
            model_name="moderationevent",
            name="from_state",
            field=models.CharField(blank=True, max_length=40, verbose_name="from"),
        ),
        migrations.AddField(
            model_name="moderationevent",
            name="to_state",
            field=models.CharField(blank=True, max_length=40, verbose_name="to"),
        ),
        migrations.RunPython(fill_states, migrations.RunPython.noop, elidable=False),
    ]
