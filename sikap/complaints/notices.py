"""The wording of the complaint notices, one function per kind: the assignee's notification and
the reporter's e-mails. Each is written in the recipient's language (the instance's language for
a citizen, who has no account)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from sikap.complaints.models import Complaint


def assigned(complaint: Complaint) -> tuple[str, str]:
    return (
        _("Complaint %(code)s is assigned to you") % {"code": complaint.tracking_code},
        _("%(subject)s. Deadline: %(date)s.")
        % {"subject": complaint.subject, "date": complaint.resolution_due or "-"},
    )


def answered() -> str:
    """What happened, for the reporter's e-mail."""
    return _("it has been answered")


def needs_reply() -> str:
    """What happened, for the reporter's e-mail."""
    return _("the officer needs your reply")


def citizen_email(complaint: Complaint, what: str, url: str) -> tuple[str, str]:
    """Subject and body of the e-mail telling the reporter what happened to their report."""
    code = complaint.tracking_code
    return (
        "[SIKAP] " + _("Report %(code)s: %(what)s") % {"code": code, "what": what},
        _('Your report "%(subject)s" (%(code)s): %(what)s.')
        % {"subject": complaint.subject, "code": code, "what": what}
        + "\n\n"
        + _("See it and reply at: %(url)s") % {"url": url}
        + "\n",
    )
