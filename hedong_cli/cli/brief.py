"""``hedong brief``: the weekly briefing (周报 / 督查通报)."""
