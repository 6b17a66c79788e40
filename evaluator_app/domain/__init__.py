"""The evaluation domain: pure Python, no Qt, no SQL.

Its records are plain dataclasses, read-only by convention: frozen ones cost about twice as much to
create at import, and the GUI imports them all before its first window.
"""
