"""The PySide6 interface: widgets and models over the evaluation session. Widgets never run SQL."""
