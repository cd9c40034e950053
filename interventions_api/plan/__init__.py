"""The school's safety-plan chapter on social safety (``POST /v1/plan``).

``request.py`` reads the body (a match profile plus earlier surveys and since when each
programme runs), ``document.py`` builds the document from the match, ``monitor.py`` is
the one place the monitor's section is added, and one renderer per format turns the
document into Markdown, HTML or Word.
"""
