"""Browser tests: the widget and the reference page in headless Chromium."""
