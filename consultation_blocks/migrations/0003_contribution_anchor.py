# Vote and Comment share the abstract Contribution: a vote's `target` is now its
# `anchor`, as a comment's is (renamed, so every stored vote keeps its item).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bokrao_blocks", "0002_comments_moderation_register"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="vote",
            name="bokrao_one_vote_per_participant_per_target",
        ),
        migrations.RenameField(model_name="vote", old_name="target", new_name="anchor"),
        migrations.AlterField(
            model_name="vote",
            name="anchor",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="about"),
        ),
        migrations.AlterField(
            model_name="vote",
            name="verification_level",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (0, "Unverified"),
                    (1, "Email confirmed"),
                    (2, "Resident verified"),
                    (3, "Verified by staff on site"),
                ],
                default=0,
            ),
        ),
        # Declared once on Contribution; the database does not change.
        migrations.AlterField(
            model_name="comment",
            name="participant",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="%(class)ss",
                to="bokrao_blocks.participant",
                verbose_name="participant",
            ),
        ),
        migrations.AlterField(
            model_name="vote",
            name="participant",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="%(class)ss",
                to="bokrao_blocks.participant",
                verbose_name="participant",
            ),
        ),
        migrations.AddConstraint(
            model_name="vote",
            constraint=models.UniqueConstraint(
                fields=("consultation", "widget", "anchor", "participant"),
                name="bokrao_one_vote_per_participant_per_target",
            ),
        ),
    ]
