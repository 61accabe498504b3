from django.db import migrations


def create_funder_group(apps, schema_editor):
    """The funder role (``core.roles.FUNDER``): reads the dashboard."""
    apps.get_model("auth", "Group").objects.get_or_create(name="funder")


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunPython(create_funder_group, migrations.RunPython.noop),
    ]
