"""The editors of every municipality review its citizens' proposals: a group that keeps a
municipality's details (the editors' permission) also gets the review permission."""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # The permission row is made after migrations by default; the groups need it now
    # (as in 0004_moderators_may_moderate).
    app_config = apps.get_app_config("bokrao_blocks")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    review = Permission.objects.filter(
        content_type__app_label="bokrao_blocks", codename="review_proposal"
    ).first()
    if review is None:
        return
    editors = Group.objects.filter(
        permissions__content_type__app_label="bokrao_blocks",
        permissions__codename="change_municipality",
    )
    for group in editors:
        group.permissions.add(review)


class Migration(migrations.Migration):
    dependencies = [("bokrao_blocks", "0011_proposals")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
