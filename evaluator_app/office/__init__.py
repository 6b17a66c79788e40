"""The provincial office: its expert library and the random draw of evaluation panels."""
