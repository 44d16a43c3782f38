"""What every layer uses: errors, the message table, the entry rules, numbers, settings, safe text and writes.

Imports nothing else of hedong's beyond this package.
"""
