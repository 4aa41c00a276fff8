"""Charts drawn at build time as inline SVG: no script, no external file.

Every piece of text in a chart comes from content, so it is XML-escaped where it is
written (``draw.text`` and ``draw.title``); colours come from CSS classes in
``atlas.css`` that use the theme's variables, so charts follow light and dark mode.
"""
