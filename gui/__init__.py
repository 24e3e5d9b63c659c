"""Thirds' touch-first Qt front end. Core (clinical logic) never imports from here."""

import os

from gui._refcount_guard import guard as _guard

# Thirds uses no pydantic plugin; looking for them scans every installed package at start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

_guard()
