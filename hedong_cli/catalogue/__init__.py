"""The catalogue: what the report commits to (model and validation), its cache, diff and drafter."""
