"""The records side of the GUI: autosave, crash recovery, patient list, follow-ups, patient mode."""
