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
