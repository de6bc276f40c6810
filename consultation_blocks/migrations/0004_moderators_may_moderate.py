# Wagtail's own "Moderators" group (created by Wagtail's first migrations) may open the
# moderation queue and act: it gets the MODERATE permission of staff/permissions.py.
# And a comment can be withheld while its author is blocked (a new moderation state).

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP = "Moderators"
APP = "bokrao_blocks"
# staff/permissions.py MODERATE, as it is at this migration: a migration does not
# import code that may change after it.
MODERATE = "change_comment"


def _moderate_permission(apps):
    # On a fresh database the permissions are created after every migration has run;
    # create this app's now, so that the group can be given one.
    app_config = apps.get_app_config(APP)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=APP, codename=MODERATE)


def moderators_may_moderate(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(_moderate_permission(apps))


def moderators_may_not_moderate(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    permission = Permission.objects.filter(content_type__app_label=APP, codename=MODERATE).first()
    if group is not None and permission is not None:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("bokrao_blocks", "0003_contribution_anchor"),
        # Permissions and content types as create_permissions writes them, and the
        # Moderators group that Wagtail's initial data creates.
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [
        migrations.AlterField(
            model_name="comment",
            name="state",
            field=models.CharField(
                choices=[
                    ("published", "Published"),
                    ("held", "Waiting for review"),
                    ("hidden", "Hidden by a moderator"),
                    ("withheld", "Withheld: its author is blocked"),
                ],
                db_index=True,
                default="published",
                max_length=20,
                verbose_name="moderation",
            ),
        ),
        migrations.RunPython(moderators_may_moderate, moderators_may_not_moderate),
    ]
