"""Checking the workspace: every rule (controle) on every month, and the validation report."""

from . import rules  # noqa: F401  (registers the rules in toets.CONTROLES, whatever is used)
