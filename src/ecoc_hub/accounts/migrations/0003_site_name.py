"""Name the site: allauth's e-mails greet with the site's name and domain."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations


def name_site(apps, schema_editor):
    site_model = apps.get_model("sites", "Site")
    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    site_model.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": "ECoC Hub"}
    )
    # A row inserted with an explicit id leaves PostgreSQL's sequence behind.
    connection = schema_editor.connection
    statements = connection.ops.sequence_reset_sql(no_style(), [site_model])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_groups"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_site, migrations.RunPython.noop)]
