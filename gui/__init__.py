"""Thirds' touch-first Qt front end. Core (clinical logic) never imports from here."""

from gui._refcount_guard import guard as _guard

_guard()
