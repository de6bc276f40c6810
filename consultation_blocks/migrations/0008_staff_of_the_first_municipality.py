from django.db import migrations


def groups_work_for_the_one_municipality(apps, schema_editor):
    """Before municipalities, every staff group worked for the one municipality of the
    installation. Staff screens now ask which municipalities a group works for
    (Municipality.staff_groups): with exactly one municipality, every existing group
    works for it, so that nobody loses what they could do. With several (or none),
    an administrator says which group works where."""
    Municipality = apps.get_model("bokrao_blocks", "Municipality")
    Group = apps.get_model("auth", "Group")
    municipalities = list(Municipality.objects.all()[:2])
    if len(municipalities) != 1:
        return
    municipalities[0].staff_groups.add(*Group.objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("bokrao_blocks", "0007_municipalities"),
    ]

    operations = [
        migrations.RunPython(groups_work_for_the_one_municipality, migrations.RunPython.noop),
    ]
