"""hedong: track the key tasks of the Hedong District 2026 government work report."""

__version__ = "0.1.0"
