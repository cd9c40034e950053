"""Tests of the browser-facing routes (reference page, widget files, CORS)."""
