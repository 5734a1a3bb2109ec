"""Take it with you: the print edition as PDF and EPUB files, built from a built site (`make downloads`).

The files come from the print pages the site already has (docs/print.md and docs/print/<area>.md, filled by
macros/render/print_edition.py), so the book and the site never differ. One module per job:

- editions.py: which books there are (the whole curriculum and one per skill area) and their file names;
- serve.py: the built site on a loopback port, for Chromium;
- pdf.py: the PDF, printed by Chromium through Playwright in two passes (cover, contents with page numbers);
- xhtml.py and epub.py: the EPUB 3, with the print page's HTML rewritten as strict XHTML;
- publish.py: the manifest of what was built and the downloads page that lists it.
"""
