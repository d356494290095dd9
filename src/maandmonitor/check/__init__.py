"""Checking the workspace: every rule (controle) on every month, and the validation report."""

# registers the rules in toets.CONTROLES, whatever is used; in this order in every report
from . import rules, rules_dates_text  # noqa: F401
