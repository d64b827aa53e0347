"""Highlights and notes in the reader: the page layer, the panel, the editor, the
"All notes" window and the room that builds and wires them for the main window."""
