"""PostgreSQL: keep a fuller sample of which officers served.

A city has a few hundred front-desk officers among thousands of staff. With PostgreSQL's default
sample (100 most common values) the planner guessed that 100 employees of a kelurahan had served
183,000 times (14 times the truth) and read the whole quarter's services into a hash instead of
looking up the few officers' own: the calibration and team pages spent 60 ms there at city scale.
1,000 values hold every officer of a city. Nothing changes on SQLite.
"""

from __future__ import annotations

from django.db import migrations

COLUMNS = [
    ("surveys_servicerecord_officers", "employee_id"),
    ("surveys_surveyresponse", "officer_id"),
]


def _set(target: int):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        for table, column in COLUMNS:
            schema_editor.execute(
                f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(column)} SET STATISTICS {target}"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("surveys", "0006_suggestion_follow_up")]

    operations = [migrations.RunPython(_set(1000), _set(-1), elidable=False)]
