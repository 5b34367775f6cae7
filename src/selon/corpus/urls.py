"""Links that may leave the store: article URLs are input, and a page or a spreadsheet may open them."""

from __future__ import annotations


def safe_url(url: str | None) -> str | None:
    """Only http(s) links leave the store; anything else (``javascript:``, ``data:``) is dropped."""
    if not url:
        return None
    u = url.strip()
    return u if u.lower().startswith(("http://", "https://")) and not any(c in u for c in "\n\r\t ") else None
