"""The web desk (``hedong serve``): units report on a page, the office reads the figures and the documents.

A face like ``cli/``: it opens the same ``Workspace``, writes through the journal API and takes every figure
from ``progress.build_report``. Starlette, Jinja2 and uvicorn are the ``hedong[web]`` extra; only ``hedong
serve`` imports this package, and it imports nothing from ``cli/``.
"""
