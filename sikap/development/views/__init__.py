"""Competency development pages: people, events, plans."""

from sikap.development.views.effects import effects
from sikap.development.views.events import (
    attendance,
    certificate,
    event_create,
    event_detail,
    event_participants,
    events,
    recap,
    siasn_export,
)
from sikap.development.views.people import (
    activity_create,
    activity_file,
    activity_verify,
    add_assessment,
    employee_development,
    follow_up,
    my_development,
    participant_file,
    reaction,
    team,
)
from sikap.development.views.plans import (
    idp,
    idp_agree,
    idp_item_status,
    standards,
)

__all__ = [
    "activity_create",
    "activity_file",
    "activity_verify",
    "add_assessment",
    "attendance",
    "certificate",
    "effects",
    "employee_development",
    "event_create",
    "event_detail",
    "event_participants",
    "events",
    "follow_up",
    "idp",
    "idp_agree",
    "idp_item_status",
    "my_development",
    "participant_file",
    "reaction",
    "recap",
    "siasn_export",
    "standards",
    "team",
]
