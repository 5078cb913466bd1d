"""Three years of complaints over every kecamatan and kelurahan, in every state, with their events
and the citizens' ratings. The lifecycle follows the services (same fields, same deadlines through
``compute_deadlines``) but is written in bulk."""

from __future__ import annotations

import datetime as dt
import random
from functools import cache
from typing import Any

from django.utils import timezone

from bench.synthetic.org import Scale
from bench.synthetic.planning import World
from bench.synthetic.writer import Writer
from sikap.complaints import rules
from sikap.complaints.demo import (
    CATEGORIES,
    CHANNEL_WEIGHTS,
    CLASS_WEIGHTS,
    NAMES,
    SUBJECTS,
    TEMPLATES,
)
from sikap.complaints.models import (
    Category,
    Complaint,
    ComplaintEvent,
    ComplaintSettings,
    Holiday,
    SatisfactionRating,
    Status,
)
from sikap.complaints.services import compute_deadlines
from sikap.lib.workdays import add_working_days, elapsed_working_days, working_days_between
from sikap.org.models import UnitKind

K = ComplaintEvent.Kind
COMPLAINT_COLS = (
    "id",
    "tracking_code",
    "channel",
    "lapor_reference",
    "classification",
    "category_id",
    "unit_id",
    "complaint_class",
    "subject",
    "text",
    "reporter_name",
    "reporter_phone",
    "is_anonymous",
    "status",
    "close_reason",
    "assignee_id",
    "answer",
    "registered_on",
    "verified_on",
    "started_on",
    "answered_on",
    "closed_on",
    "clock_start",
    "verification_due",
    "follow_up_due",
    "resolution_due",
    "confirmation_due",
    "due_on",
    "resolved_on",
    "resolved_on_time",
    "days_to_verify",
    "days_to_answer",
    "days_to_close",
    "created_by_id",
    "created_at",
)
EVENT_COLS = (
    "id",
    "complaint_id",
    "kind",
    "at",
    "by_id",
    "by_citizen",
    "from_status",
    "to_status",
    "note",
    "is_public",
)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def build(writer: Writer, world: World, scale: Scale, rng: random.Random) -> None:
    today = world.today
    tz = timezone.get_current_timezone()
    config = ComplaintSettings.load()
    holidays = Holiday.dates()
    categories = {c.name: c.pk for c in Category.objects.all()}
    missing = [name for name in CATEGORIES if name not in categories]
    if missing:
        ids = writer.ids(Category, len(missing))
        writer.insert(
            Category, ("id", "name"), list(zip(ids, missing, strict=True)), is_active=True
        )
        categories.update(zip(missing, ids, strict=True))

    @cache
    def later(day: dt.date, n: int) -> dt.date:
        return add_working_days(day, n, holidays)

    @cache
    def elapsed(start: dt.date, end: dt.date) -> int:
        return elapsed_working_days(start, end, [], holidays)

    @cache
    def moment(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour), tz)

    units = []
    for unit in sorted(world.units.values(), key=lambda u: u.pk):
        if unit.kind not in (UnitKind.KECAMATAN, UnitKind.KELURAHAN):
            continue
        head = world.head_of(unit.pk)
        if head is None or not head.user_id:
            continue
        staff = [e for e in world.by_unit.get(unit.pk, []) if e.pk != head.pk and e.user_id]
        for child in world.units.values():
            if child.parent_id == unit.pk and child.kind != UnitKind.KELURAHAN:
                staff += [e for e in world.by_unit.get(child.pk, []) if e.user_id]
        units.append((unit, head, sorted(staff, key=lambda e: e.pk)[:6] or [head]))
    days = []
    day = dt.date(today.year - 2, 1, 1)
    while day < today:
        if day.weekday() < 5 and day not in holidays:
            days.append(day)
        day += dt.timedelta(days=1)
    codes: set[str] = set(Complaint.objects.values_list("tracking_code", flat=True))
    complaints: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    ratings: list[tuple[Any, ...]] = []
    alphabet = rules.CODE_ALPHABET

    def event(
        cid: int,
        kind: str,
        day: dt.date,
        by: int | None,
        before: str,
        after: str,
        note: str = "",
        public: bool = True,
        citizen: bool = False,
    ) -> None:
        events.append(
            (
                writer.next_id(ComplaintEvent),
                cid,
                kind,
                moment(day, 9),
                by,
                citizen,
                before,
                after,
                note,
                public,
            )
        )

    for _n in range(scale.complaints):
        unit, head, staff = units[int(rng.random() * len(units))]
        on = days[int(rng.random() * len(days))]
        subject, category = rng.choice(SUBJECTS)
        channel = _pick(rng, CHANNEL_WEIGHTS)
        anonymous = rng.random() < 0.15
        desk = channel != "web"
        while True:
            code = "".join(alphabet[rng.getrandbits(5)] for _ in range(rules.CODE_LENGTH))
            if code not in codes:
                codes.add(code)
                break
        c = Complaint(
            registered_on=on,
            status=Status.REGISTERED,
            complaint_class="normatif",
            answered_on=None,
            clock_start=None,
        )
        cid = writer.next_id(Complaint)
        head_user = head.user_id
        event(
            cid,
            K.REGISTERED,
            on,
            head_user if desk else None,
            "",
            Status.REGISTERED,
            citizen=not desk,
        )
        c.assignee_id = None
        answer = ""
        roll = rng.random()

        def step(day: dt.date, low: int, high: int) -> dt.date | None:
            nxt = later(day, rng.randint(low, high))
            return nxt if nxt < today else None

        compute_deadlines(c, config=config, holidays=holidays, pauses=[])
        while True:  # one pass; ``break`` leaves the complaint in its current state
            if roll < 0.08:
                day = step(on, 0, 3)
                if day:
                    reason = rng.choice(("not_authority", "archived"))
                    c.status, c.close_reason = Status.CLOSED, reason
                    c.closed_on = c.resolved_on = day
                    c.resolved_on_time = day <= (c.verification_due or day)
                    c.days_to_close = c.days_to_verify = elapsed(on, day)
                    event(
                        cid,
                        K.REJECTED,
                        day,
                        head_user,
                        Status.REGISTERED,
                        Status.CLOSED,
                        TEMPLATES[1][2],
                    )
                break
            day = step(on, 0, 3 if rng.random() < 0.85 else 5)
            if day is None or roll > 0.97:
                break
            c.complaint_class = _pick(rng, CLASS_WEIGHTS)
            c.status, c.verified_on, c.clock_start = Status.VERIFIED, day, day
            c.days_to_verify = elapsed(on, day)
            event(
                cid, K.VERIFIED, day, head_user, Status.REGISTERED, Status.VERIFIED, TEMPLATES[0][2]
            )
            compute_deadlines(c, config=config, holidays=holidays, pauses=[])
            if roll > 0.955:
                break
            assignee = staff[int(rng.random() * len(staff))]
            c.status, c.assignee_id = Status.ASSIGNED, assignee.pk
            event(cid, K.ASSIGNED, day, head_user, Status.VERIFIED, Status.ASSIGNED, public=False)
            if roll > 0.94:
                break
            day = step(day, 0, 1 if c.complaint_class == "ringan" else 3)
            if day is None:
                break
            worker = assignee.user_id or head_user
            c.status, c.started_on = Status.IN_PROGRESS, day
            event(cid, K.STARTED, day, worker, Status.ASSIGNED, Status.IN_PROGRESS, TEMPLATES[2][2])
            if roll > 0.9:
                break
            assert c.resolution_due is not None
            budget = max(0, working_days_between(day, c.resolution_due, holidays))
            day = step(day, 0, budget) if rng.random() < 0.8 else step(day, budget + 1, budget + 6)
            if day is None:
                break
            answer = TEMPLATES[3][2]
            c.status, c.answered_on, c.resolved_on = Status.ANSWERED, day, day
            c.resolved_on_time = day <= c.resolution_due
            c.days_to_answer = elapsed(on, day)
            event(cid, K.ANSWERED, day, worker, Status.IN_PROGRESS, Status.ANSWERED, answer)
            compute_deadlines(c, config=config, holidays=holidays, pauses=[])
            if rng.random() < 0.55:
                score = rng.choices((1, 2, 3, 4, 5), (1, 1, 3, 6, 5))[0]
                ratings.append(
                    (
                        writer.next_id(SatisfactionRating),
                        cid,
                        score,
                        rng.choice(("", "", "Terima kasih, cepat ditangani.", "Agak lama.")),
                        moment(day, 15),
                    )
                )
                event(
                    cid,
                    K.RATED,
                    day,
                    None,
                    Status.ANSWERED,
                    Status.ANSWERED,
                    f"{score}/5",
                    public=False,
                    citizen=True,
                )
            close = step(day, 0, 6)
            if close and rng.random() < 0.6:
                c.status, c.close_reason, c.closed_on = Status.CLOSED, "confirmed", close
                c.days_to_close = elapsed(on, close)
                event(cid, K.CONFIRMED, close, None, Status.ANSWERED, Status.CLOSED, citizen=True)
            elif c.confirmation_due is not None and c.confirmation_due < today:
                close = later(c.confirmation_due, 1)
                if close < today:
                    c.status, c.close_reason, c.closed_on = Status.CLOSED, "timeout", close
                    c.days_to_close = elapsed(on, close)
                    event(cid, K.TIMEOUT, close, None, Status.ANSWERED, Status.CLOSED)
            break
        compute_deadlines(c, config=config, holidays=holidays, pauses=[])
        name = "" if anonymous else rng.choice(NAMES)
        complaints.append(
            (
                cid,
                code,
                channel,
                f"LAP-{rng.randint(1_000_000, 9_999_999)}" if channel == "lapor" else "",
                "informasi"
                if "informasi" in subject
                else rng.choice(("pengaduan", "pengaduan", "aspirasi")),
                categories[category],
                unit.pk,
                c.complaint_class,
                subject,
                f"{subject}. Mohon segera ditindaklanjuti oleh {unit.name}.",
                name,
                "" if anonymous else f"0812{rng.randint(10_000_000, 99_999_999)}",
                anonymous,
                c.status,
                c.close_reason or "",
                c.assignee_id,
                answer,
                on,
                c.verified_on,
                c.started_on,
                c.answered_on,
                c.closed_on,
                c.clock_start,
                c.verification_due,
                c.follow_up_due,
                c.resolution_due,
                c.confirmation_due,
                c.due_on,
                c.resolved_on,
                c.resolved_on_time,
                c.days_to_verify,
                c.days_to_answer,
                c.days_to_close,
                head_user if desk else None,
                moment(on, 9),
            )
        )
    p = writer.progress
    p.step(f"complaints over {len(units)} units, events, ratings")
    n = writer.insert(
        Complaint,
        COMPLAINT_COLS,
        complaints,
        reporter_email="",
        identity_purged_on=None,
        duplicate_of_id=None,
        reopened=False,
        is_paused=False,
    )
    n += writer.insert(ComplaintEvent, EVENT_COLS, events)
    n += writer.insert(
        SatisfactionRating, ("id", "complaint_id", "score", "comment", "created_at"), ratings
    )
    p.done(n)
