"""Seed the questionnaire with the 9 unsur of PermenPAN-RB 14/2017 (editable afterwards)."""

from django.db import migrations


def seed(apps, schema_editor):
    from sikap.surveys.rules import UNSUR

    question = apps.get_model("surveys", "SurveyQuestion")
    for position, unsur in enumerate(UNSUR, start=1):
        question.objects.get_or_create(
            code=unsur.code,
            defaults={
                "position": position,
                "name": unsur.name,
                "question": unsur.question,
                **{f"answer_{i}": label for i, label in enumerate(unsur.answers, start=1)},
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("surveys", "SurveyQuestion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
