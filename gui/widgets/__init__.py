"""Reusable touch widgets: face map, choice buttons, yes/no rows, date field, dimension bars."""
