"""Every change of state of an SKP; each function is atomic, keyword-only and names its actor.

Import the submodule you need (``plans``, ``records``, ``common``); this package re-exports
nothing, so each name has one home.
"""
