from __future__ import annotations

from sikap.lib.hooks import Hook


def test_a_hook_yields_its_items_by_order_then_registration():
    hook: Hook[str] = Hook("test")
    hook.register("late", order=90)
    hook.register("first")
    hook.register("second")
    hook.register("early", order=10)
    assert list(hook) == ["early", "first", "second", "late"]
    assert len(hook) == 4
    assert repr(hook) == "Hook('test', 4 entries)"


def test_registering_an_item_twice_keeps_one():
    hook: Hook[str] = Hook("test")
    assert hook.register("a") == "a"
    hook.register("a", order=1)
    assert list(hook) == ["a"]


def _event(**changes):
    import datetime as dt

    from sikap.lib.hooks import WorkDone

    values = {
        "source": "surveys.service_record",
        "source_id": 7,
        "user_id": 3,
        "day": dt.date(2026, 2, 10),
        "activity": "Melayani surat keterangan domisili",
    }
    return WorkDone(**{**values, **changes})


def test_work_done_reaches_the_subscribers_only_after_commit(
    monkeypatch, django_capture_on_commit_callbacks, db
):
    from sikap.lib import hooks

    monkeypatch.setattr(hooks.WORK_DONE, "_entries", [])
    seen = []
    hooks.WORK_DONE.register(seen.append)
    event = _event()
    with django_capture_on_commit_callbacks(execute=True):
        hooks.emit_work_done(event)
        assert seen == []
    assert seen == [event]
    assert (event.quantity, event.satuan, event.start) == (1, "", None)


def test_a_failing_subscriber_never_fails_the_producer(
    monkeypatch, django_capture_on_commit_callbacks, db, caplog
):
    from sikap.lib import hooks

    monkeypatch.setattr(hooks.WORK_DONE, "_entries", [])
    seen = []

    def broken(event):
        raise RuntimeError("boom")

    hooks.WORK_DONE.register(broken, order=10)
    hooks.WORK_DONE.register(seen.append)
    with django_capture_on_commit_callbacks(execute=True):
        hooks.emit_work_done(_event(source_id=8))
    assert [e.source_id for e in seen] == [8]
    assert "work_done subscriber" in caplog.text
