"""Fault tests reuse the end-to-end suite's real server process."""

from tests.e2e.conftest import live  # noqa: F401
