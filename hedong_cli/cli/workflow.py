"""The reporting workflow: ``assign``, ``units``, ``export``, ``import`` and ``checkin``."""
