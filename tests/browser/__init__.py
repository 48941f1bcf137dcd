"""Real-browser tests: the built sites in the system Chromium (see support.py)."""
