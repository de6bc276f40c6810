"""The hearing report (R10) of a draft regulation: staff's responses to its paragraphs
and comments, the counts per paragraph, and the published report as a page, a PDF and
a CSV."""
