"""Exercise: the bio field that lets a profile run script.

Symptom: profiles have a short bio written in a small rich-text editor that produces <b>, <i> and <a href>. The
bio is stored and shown to every visitor as HTML. A moderator opened a reported profile and their session was
used a minute later from another country. The sanitizer below removes script blocks, and the team believed that
was all a bio could do.

Diagnose it with the check (`make exercise ID=security/xss_prevention/rich_text_bio`): it feeds known bypasses to
`sanitize_bio` and reads the result the way a browser would.

Fix: make `sanitize_bio` an allow-list. Keep only <b>, <i> and <a>; on <a> keep only an href whose scheme is http,
https or mailto (as a browser would read it: entities decoded, tabs and newlines removed, case ignored); drop every
other tag, attribute and comment, drop the content of script-like elements, and escape all text. Build the output
yourself from what you allowed, rather than deleting what you recognize as bad. (In production, use a maintained
sanitizer such as nh3; this exercise shows what such a library has to do.)
"""

import re


def sanitize_bio(html: str) -> str:
    # Script blocks are the dangerous part; everything else the editor produces is harmless formatting.
    return re.sub(r"(?is)<script\b.*?>.*?</script\s*>", "", html)
