"""Spaced review: the due redraws, one redraw session after another (review_view.py)."""
