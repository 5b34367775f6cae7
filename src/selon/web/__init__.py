"""The analyst web UI (``selon serve``): a FastAPI JSON API and one static page."""
