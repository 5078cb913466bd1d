from sikap.planning.tests.conftest import chain, year  # noqa: F401  (shared SKP fixtures)
