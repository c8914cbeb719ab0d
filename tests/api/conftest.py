"""The real server process of the end-to-end suite, for the full fuzz run."""

from tests.e2e.conftest import live  # noqa: F401
