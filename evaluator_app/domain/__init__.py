"""The evaluation domain: pure Python, no Qt, no SQL."""
