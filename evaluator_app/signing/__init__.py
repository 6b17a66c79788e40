"""Handwritten signatures, locking, the sealed PDF and the submission package."""
