"""The redraw canvas: draw a diagram from memory (issue 12), as a widget to embed.

- ``CanvasWidget`` (canvas_widget.py): toolbar + view; the public API — ``drawing()``,
  ``set_drawing()``, ``changed``, ``set_read_only()``, ``set_marks()``, ``thumbnail()``,
  ``export_png/svg/json()``, ``import_json()``. See docs/canvas.md.
- ``DrawingDocument`` (document.py): the ``core.drawing.Drawing`` plus its QUndoStack;
  every edit is a command (commands.py); the scene mirrors its signals.
- ``DrawingScene`` (scene.py), ``CanvasView`` (canvas_view.py), items (items.py), tools
  (tools.py), in-place label editor (label_editor.py), Qt-free geometry (geometry.py),
  copy/paste and reference-to-drawing (transfer.py), pictures (export.py).

Nothing is imported here: the window imports the redraw room at start-up, and the
canvas (~45 ms of imports) loads only when a redraw page is first shown.
"""
