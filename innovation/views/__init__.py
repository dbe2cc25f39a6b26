"""Views of the cross-cutting package, one module per feature."""
