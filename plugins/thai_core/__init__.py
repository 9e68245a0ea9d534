"""thai_core: what this site's plugins and tools share (not a plugin).

Content problems and the rules that find them, slugs, Thai dates, the memo
of pure HTML passes, the plugin order checks and copies into the output
that compare content (copies.py). The generic pieces that
the Thai search needs too (settings schema, store, file writing, Thai
calendar) live in the search package, which must stand alone:
pelican.plugins.thai_search.options, .store, .files, .thai_calendar.
"""
