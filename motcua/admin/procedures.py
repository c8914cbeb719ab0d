"""Admin page: the procedure guide (papers, fees, times) of the office."""

from __future__ import annotations
