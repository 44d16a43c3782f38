"""The documents as views of a Report: the 通报 briefing, the 台账 ledger, the 分工方案 table, and their labels.

Drawn by ``hedong_cli.render``; nothing here draws."""
