"""`invoke check`: the content checker (see __main__.py for the command)."""
