"""Complaint actions done by an officer are offered to their Progres Harian (hooks.WORK_DONE).

One draft per action (the ComplaintEvent): a report answered again after reopening is new work.
The activity names the tracking code only, never the citizen's text: the log leaves SIKAP for
e-Kinerja, and a rahasia or anonim report must not travel with it.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from sikap.complaints.models import ComplaintEvent
from sikap.lib.hooks import WorkDone, emit_work_done

Kind = ComplaintEvent.Kind

# Event kind → (source, activity in Indonesian). Routing steps (assign, pause, resume, notes,
# extensions) are not offered: they are minutes of work, not a kegiatan harian.
WORK: dict[str, tuple[str, str]] = {
    Kind.REGISTERED: ("complaints.intake", "Menerima dan mencatat pengaduan {code}"),
    Kind.VERIFIED: ("complaints.verification", "Memverifikasi pengaduan {code}"),
    Kind.REJECTED: ("complaints.verification", "Memverifikasi dan menutup pengaduan {code}"),
    Kind.STARTED: ("complaints.follow_up", "Menindaklanjuti pengaduan {code}"),
    Kind.ANSWERED: ("complaints.answer", "Memberikan tanggapan atas pengaduan {code}"),
    Kind.FORWARDED: ("complaints.forwarding", "Meneruskan pengaduan {code} ke {to}"),
    Kind.FORWARDED_OUT: ("complaints.forwarding", "Meneruskan pengaduan {code} ke {to}"),
}


def offer_event(event: ComplaintEvent) -> None:
    """A draft for the officer who did the action, after commit; citizens' steps offer nothing."""
    work = WORK.get(event.kind)
    if work is None or event.by_id is None or event.by_citizen:
        return
    source, text = work
    complaint = event.complaint
    to = complaint.forwarded_to_name if event.kind == Kind.FORWARDED_OUT else complaint.unit.name
    at = timezone.localtime(event.at)
    emit_work_done(
        WorkDone(
            source=source,
            source_id=event.pk,
            user_id=event.by_id,
            day=at.date(),
            activity=text.format(code=complaint.tracking_code, to=to),
            start=at.time().replace(second=0, microsecond=0),
            satuan="pengaduan",
            evidence_url=reverse("complaints:detail", args=[complaint.pk]),
        )
    )
