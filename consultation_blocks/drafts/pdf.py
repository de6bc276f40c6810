"""PDF of a printed page (the hearing report) with WeasyPrint: Pango shapes Thai with
HarfBuzz and breaks its lines at word boundaries with libthai (decision 029).

A plain function of an HTML string: the caller (a task, never a request) renders the
template; this module adds the print stylesheet and the theme's Sarabun fonts."""

from pathlib import Path

from django.utils.translation import gettext as _

import theme

FONTS_DIR = Path(theme.__file__).resolve().parent / "static" / "theme" / "fonts"

# The theme's Sarabun files are split by script (Thai, Latin) as the web serves them.
# WeasyPrint embeds one PDF font per family and style, so two files under one family
# name would share a glyph table and print Latin letters with Thai glyphs: each script
# gets a family of its own and the stack puts Latin first, Thai after.
FACES = (
    ("Sarabun Latin", 400, "sarabun-latin-400-normal.woff2"),
    ("Sarabun Latin", 700, "sarabun-latin-700-normal.woff2"),
    ("Sarabun Thai", 400, "sarabun-thai-400-normal.woff2"),
    ("Sarabun Thai", 700, "sarabun-thai-700-normal.woff2"),
)


def _font_faces():
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: normal;'
        f' src: url("{(FONTS_DIR / name).as_uri()}") format("woff2"); }}'
        for family, weight, name in FACES
    )


def print_css():
    """A4 with margins for binding and filing, the page number in the footer."""
    page_word = _("Page")
    return f"""
{_font_faces()}
@page {{
  size: A4;
  margin: 20mm 18mm 22mm 25mm;
  @bottom-center {{
    content: "{page_word} " counter(page) " / " counter(pages);
    font-family: "Sarabun Latin", "Sarabun Thai";
    font-size: 10pt;
    color: #444;
  }}
}}
html {{ font-family: "Sarabun Latin", "Sarabun Thai", sans-serif; font-size: 14pt;
        line-height: 1.5; color: #000; }}
h1 {{ font-size: 20pt; margin: 0 0 6mm; }}
h2 {{ font-size: 16pt; margin: 8mm 0 3mm; break-after: avoid; }}
h3 {{ font-size: 14pt; margin: 5mm 0 2mm; break-after: avoid; }}
p, li, blockquote {{ orphans: 2; widows: 2; }}
table {{ border-collapse: collapse; width: 100%; font-size: 12pt; }}
th, td {{ border: 0.5pt solid #888; padding: 1mm 2mm; text-align: left; vertical-align: top; }}
blockquote {{ margin: 2mm 0 2mm 6mm; padding-left: 3mm; border-left: 1pt solid #888; }}
.hint {{ color: #444; font-size: 11pt; }}
/* The hearing report (drafts/report/): a comment and its answer stay on one page. */
.report-comment {{ break-inside: avoid; margin: 3mm 0; }}
.report-response {{ margin: 1mm 0 0 6mm; padding: 1mm 3mm; background: #f2f2f2; }}
.report-counts {{ margin: 2mm 0 4mm; }}
"""


def render_pdf(html, base_url=None):
    """The PDF (bytes) of an HTML document, printed with the report stylesheet."""
    # Imported here: WeasyPrint loads Pango through cffi when imported, which a web
    # process that never prints does not need.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    # The @font-face rules of a stylesheet given here load only through a font
    # configuration shared by the stylesheet and the rendering.
    fonts = FontConfiguration()
    stylesheet = CSS(string=print_css(), font_config=fonts)
    return HTML(string=html, base_url=base_url).write_pdf(
        stylesheets=[stylesheet], font_config=fonts
    )
