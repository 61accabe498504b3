from django.db import migrations


def load(apps, schema_editor):
    from ecoc_hub.assessment.framework import load_first_version

    load_first_version(apps)


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
