"""Renderers: they turn a ``progress.Report`` into terminal tables, documents and ledgers."""
