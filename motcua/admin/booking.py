"""Admin page: bookings from home and messages to citizens."""

from __future__ import annotations
