"""Tracking: progress and lights (``progress.build_report``), plans, units, periods, and the workspace that
opens a catalogue and a journal together for every face."""
