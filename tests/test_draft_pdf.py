"""The PDF engine prints Thai as a reader expects it: shaped, broken between words,
with Sarabun embedded, on A4 pages numbered "หน้า N / M" (decision 029).

pdftotext and pdftoppm (Debian's poppler-utils) read the PDF back. One limit of any PDF
text layer is accounted for, not hidden: HarfBuzz draws SARA AM (ำ) as NIKHAHIT + SARA
AA, and a PDF maps each glyph to one text, so the extracted text has า where ำ was
(the page shows ำ; see the screenshot)."""

import io
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from django.utils import translation
from fontTools.ttLib import TTFont
from pythainlp.tokenize import word_tokenize

from consultation_blocks.drafts.pdf import FONTS_DIR, render_pdf

OUTPUT_DIR = Path(__file__).resolve().parents[1] / "test-output" / "pdf"

SENTENCE = "ผู้ใหญ่บ้านที่ตำบลหนองมนขอให้เทศบาลเก็บขยะมูลฝอยทุกวันพุธ"
# Words joined without spaces, as Thai is written: the lines must break between them.
WORDS = (
    "เทศบาล เมือง แสนสุข จะ เก็บ ค่าธรรมเนียม การ เก็บ ขยะ มูลฝอย จาก บ้าน เรือน ร้าน ค้า"
    " และ ตลาด ทุก แห่ง ใน เขต เทศบาล โดย ผู้ มี หน้าที่ ชำระ ต้อง ชำระ ภายใน วันที่ สิบ"
    " ของ ทุก เดือน ที่ สำนักงาน เทศบาล หรือ ที่ จุด รับ ชำระ ที่ เทศบาล ประกาศ กำหนด"
    " ผู้ ที่ ไม่ ชำระ ภายใน กำหนด ต้อง เสีย เงิน เพิ่ม ร้อยละ สอง ต่อ เดือน"
).split()


def _tool(*args):
    if not shutil.which(args[0]):
        pytest.fail(f"{args[0]} is missing: sudo apt-get install poppler-utils")
    return subprocess.run(args, check=True, capture_output=True).stdout


def _printed(text):
    """Text as the PDF's text layer gives it back: no whitespace, ำ read as า."""
    return re.sub(r"\s+", "", text).replace("ำ", "า")


def _document(body):
    head = '<!doctype html><html lang="th"><head><meta charset="utf-8"></head>'
    return f"{head}<body>{body}</body></html>"


def _pdf(tmp_path, body, name="doc.pdf"):
    with translation.override("th"):
        pdf = render_pdf(_document(body))
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def _embedded_fonts(pdf_bytes):
    """The font programs inside the PDF, read with fontTools."""
    fonts = []
    for match in re.finditer(rb"stream\r?\n", pdf_bytes):
        data = pdf_bytes[match.end() : pdf_bytes.find(b"endstream", match.end())]
        try:
            data = zlib.decompress(data)
        except zlib.error:
            pass
        if data[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
            fonts.append(TTFont(io.BytesIO(data)))
    return fonts


def test_pdf_holds_the_thai_sentence(tmp_path):
    path = _pdf(tmp_path, f"<h1>ร่างเทศบัญญัติ</h1><p>{SENTENCE}</p>")
    text = _tool("pdftotext", "-raw", str(path), "-").decode()
    assert _printed(SENTENCE) in _printed(text)
    assert _printed("ร่างเทศบัญญัติ") in _printed(text)


def test_sarabun_is_embedded(tmp_path):
    path = _pdf(tmp_path, f"<p>{SENTENCE} Nong Mon 2569</p><p><strong>ตัวหนา bold</strong></p>")
    rows = _tool("pdffonts", str(path)).decode().splitlines()[2:]
    fonts = {row.split()[0].split("+")[-1]: row.split()[-5] for row in rows}
    # Thai and Latin, regular and bold: every font the page uses travels with the file.
    assert len(fonts) == 4 and all(name.startswith("Sarabun") for name in fonts), rows
    assert all(embedded == "yes" for embedded in fonts.values()), rows


def test_latin_letters_print_with_latin_glyphs(tmp_path):
    # Two files under one family name would share one embedded font: "Hello" came out
    # as Thai glyphs. The text layer shows it when that happens.
    path = _pdf(tmp_path, "<p>ตำบลหนองมน Hello Nong Mon 123</p>")
    text = _tool("pdftotext", "-raw", str(path), "-").decode()
    assert "Hello Nong Mon 123" in text


def test_thai_marks_are_shaped_by_opentype(tmp_path):
    # Sarabun moves a tone mark left beside a tall consonant (ป่า: "uni0E48.narrow") and
    # draws a smaller one above an upper vowel (ที่: "uni0E48.small") through its GSUB
    # table: those glyphs have no character of their own, so they are drawn only when
    # HarfBuzz shaped the cluster.
    path = _pdf(tmp_path, "<p>ป่าไม้ที่ตำบล</p>")
    full = TTFont(FONTS_DIR / "sarabun-thai-400-normal.woff2")
    names = full.getGlyphOrder()
    drawn = set()
    for font in _embedded_fonts(path.read_bytes()):
        glyphs = font["glyf"]
        # WeasyPrint keeps the glyph ids of the original font in its subset.
        drawn |= {
            names[gid]
            for gid, name in enumerate(font.getGlyphOrder())
            if gid and gid < len(names) and glyphs[name].numberOfContours
        }
    assert {"uni0E48.narrow", "uni0E48.small"} <= drawn, sorted(drawn)
    # The subset has no dotted circle: no mark was left without its consonant.
    assert "uni25CC" not in drawn and "dottedcircle" not in drawn


def _boundaries(words):
    """Offsets (in the printed text) where a line may end: between the words we joined,
    and between the words pythainlp finds inside them (libthai may split a compound
    such as ค่าธรรมเนียม where its dictionary does)."""
    allowed, offset = set(), 0
    for word in words:
        for part in word_tokenize(word, engine="newmm", keep_whitespace=False):
            offset += len(_printed(part))
            allowed.add(offset)
    return allowed


def test_long_thai_paragraph_breaks_between_words(tmp_path):
    paragraph = "".join(WORDS)
    path = _pdf(tmp_path, f'<p style="width: 110mm">{paragraph}</p>')
    # -raw keeps the lines in drawing order; -layout may put a mark above the line's
    # first letter onto the line before.
    text = _tool("pdftotext", "-raw", str(path), "-").decode()
    # The last line is the page's footer.
    lines = [line for line in text.splitlines() if line.strip()][:-1]
    assert lines and not lines[-1].startswith("หน้า")
    assert len(lines) >= 4, lines
    assert _printed("".join(lines)) == _printed(paragraph)
    allowed = _boundaries(WORDS)
    offset = 0
    for line in lines[:-1]:
        offset += len(_printed(line))
        assert offset in allowed, f"line broken inside a word: {line!r}"


def test_pages_render_and_carry_their_numbers(tmp_path):
    paragraphs = "".join(f"<p>ข้อ {n} {''.join(WORDS)}</p>" for n in range(1, 13))
    path = _pdf(tmp_path, f"<h1>ร่างเทศบัญญัติเรื่องค่าธรรมเนียมเก็บขยะมูลฝอย</h1>{paragraphs}")
    info = _tool("pdfinfo", str(path)).decode()
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert pages >= 2
    assert re.search(r"^Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)", info, re.M), info
    text = _tool("pdftotext", "-raw", str(path), "-").decode()
    for page in range(1, pages + 1):
        assert f"หน้า {page} / {pages}" in text

    # Every page rasterises, with ink on it (a grey PGM is easy to read back).
    _tool("pdftoppm", "-gray", "-r", "20", str(path), str(tmp_path / "page"))
    rendered = sorted(tmp_path.glob("page-*.pgm"))
    assert len(rendered) == pages
    for image in rendered:
        data = image.read_bytes()
        pixels = data[len(data) - _pgm_size(data) :]
        assert min(pixels) < 128, f"{image.name} is blank"

    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    _tool(
        "pdftoppm",
        "-png",
        "-r",
        "100",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        str(path),
        str(OUTPUT_DIR / "thai-draft-page-1"),
    )
    assert (OUTPUT_DIR / "thai-draft-page-1.png").stat().st_size > 10_000


def _pgm_size(data):
    width, height = map(int, data.split(b"\n")[1].split()[:2])
    return width * height
