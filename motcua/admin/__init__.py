"""Administration: setup wizard, settings, devices, health and reports."""
