"""Thirds' touch-first Qt front end. Core (clinical logic) never imports from here."""

import os

# Thirds uses no pydantic plugin; looking for them scans every installed package at start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
