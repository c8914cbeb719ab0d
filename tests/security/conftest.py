"""The real server process of the end-to-end suite, reused here."""

from tests.e2e.conftest import live  # noqa: F401
