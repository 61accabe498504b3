"""Date and time formats of the interface languages (``FORMAT_MODULE_PATH``).

Django's English formats are American ("12/01/2026 8:38 p.m."), ambiguous on
a European site. Every language here writes the month as a word and the time
on the 24-hour clock: "1 December 2026, 20:38", "1 décembre 2026, 20:38",
"1. Dezember 2026, 20:38". Only output formats are set: the input formats
stay Django's, so ISO dates from ``<input type="date">`` parse as before.
"""
