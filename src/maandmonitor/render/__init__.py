"""Rendering: Jinja → Markdown → HTML (→ PDF), for a month and for a year; in memory only."""
