"""Demo content for draft regulations (issue 13): Saen Suk's draft ordinance on sewage
and solid waste in two versions with an English translation, what residents, traders
and visitors said on its paragraphs, and an earlier, closed draft on markets with the
municipality's answers for its hearing report.

A draft's text is written here as an outline of readable keys and a table of
(Thai, English) texts by key. Each key becomes a fixed block id (uuid5), so the ids
are the same on every run, in version 1 and version 2 and in the English translation:
that id is what comments are anchored to.
"""

import uuid
from typing import NamedTuple

# All demo block ids are uuid5 of this namespace and "<draft>:<key>".
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://bokrao.example/demo/drafts")

WASTE = "waste-2570"
MARKET = "market-2569"


def block_id(draft, key):
    return str(uuid.uuid5(NAMESPACE, f"{draft}:{key}"))


# ---------------------------------------------------------------------------------
# The builders. An outline is a list of
#   ("preamble", key, [paragraph keys])
#   ("section", key, [paragraphs])                  a section outside any chapter
#   ("chapter", key, [(section key, [paragraphs]), ...])
# where a paragraph is its key, or (key, [item keys]) when it lists items (อนุ).
# A section's heading is its key's text when the table has one (บทเฉพาะกาล).


def _paragraph_keys(paragraph):
    return (paragraph, []) if isinstance(paragraph, str) else paragraph


def _text(version, key, language):
    th, en = version["texts"][key]
    return th if language == "th" else en


def _section(draft, version, key, paragraphs, language):
    title = _text(version, key, language) if key in version["texts"] else ""
    value = {"title": title, "paragraphs": []}
    for paragraph in paragraphs:
        paragraph_key, items = _paragraph_keys(paragraph)
        value["paragraphs"].append(
            {
                "type": "item",
                "id": block_id(draft, paragraph_key),
                "value": {
                    "text": _text(version, paragraph_key, language),
                    "items": [
                        {
                            "type": "item",
                            "id": block_id(draft, item),
                            "value": _text(version, item, language),
                        }
                        for item in items
                    ],
                },
            }
        )
    return {"type": "section", "id": block_id(draft, key), "value": value}


def stream(draft, version, language="th"):
    """The raw StreamField JSON of the draft's `text` (DraftTextBlock) for a version."""
    blocks = []
    for kind, key, children in version["outline"]:
        if kind == "preamble":
            blocks.append(
                {
                    "type": "preamble",
                    "id": block_id(draft, key),
                    "value": {
                        "title": _text(version, key, language),
                        "paragraphs": [
                            {
                                "type": "item",
                                "id": block_id(draft, child),
                                "value": _text(version, child, language),
                            }
                            for child in children
                        ],
                    },
                }
            )
        elif kind == "section":
            blocks.append(_section(draft, version, key, children, language))
        else:
            blocks.append(
                {
                    "type": "chapter",
                    "id": block_id(draft, key),
                    "value": {
                        "title": _text(version, key, language),
                        "sections": [
                            _section(draft, version, section, paragraphs, language)
                            for section, paragraphs in children
                        ],
                    },
                }
            )
    return blocks


def commentable(version):
    """The keys of a version's paragraphs and items, the parts people comment on, in
    reading order."""
    keys = []
    for kind, _key, children in version["outline"]:
        if kind == "preamble":
            keys.extend(children)
            continue
        sections = [(None, children)] if kind == "section" else children
        for _section_key, paragraphs in sections:
            for paragraph in paragraphs:
                paragraph_key, items = _paragraph_keys(paragraph)
                keys.append(paragraph_key)
                keys.extend(items)
    return keys


def paragraph_texts(version, language="th"):
    """{key: text} of a version's commentable parts, in reading order."""
    return {key: _text(version, key, language) for key in commentable(version)}


def structure_keys(version):
    """The keys of a version's preamble, chapters and sections."""
    keys = []
    for kind, key, children in version["outline"]:
        keys.append(key)
        if kind == "chapter":
            keys.extend(section for section, _paragraphs in children)
    return keys


def english(draft, version):
    """Thai -> English for every string of a version's text, as a translator fills in
    the page's PO file (wagtail-localize)."""
    return {
        th: en
        for key, (th, en) in version["texts"].items()
        if key in set(commentable(version)) | set(structure_keys(version))
    }


def _revise(version, outline, changed, removed=()):
    texts = {key: text for key, text in version["texts"].items() if key not in removed}
    return {"outline": outline, "texts": {**texts, **changed}}


class DraftComment(NamedTuple):
    """A comment on a paragraph: `paragraph` is its key; a reply names its parent's key
    in `reply_to` and is on the same paragraph; `quote` is words of that paragraph (the
    Thai text of the version commented on) or ""."""

    key: str
    author: str
    paragraph: str
    text: str
    quote: str = ""
    reply_to: str | None = None


# People from outside Saen Suk who take part in the drafts' hearings (key, display name,
# voter group, area code or None: they live elsewhere), made as demo_content's citizens.
DRAFT_CITIZENS = [
    # Sells khao lam at Nong Mon market; lives in Ang Sila, outside the municipality.
    ("ratree", "ราตรี", "concerned", None),
    # Owns a seafood restaurant on Bang Saen beach; lives in Si Racha.
    ("supaporn", "สุภาพร", "concerned", None),
    # A volunteer of a Chonburi network on waste and the sea.
    ("decha", "เดชา", "interested", None),
]

# ---------------------------------------------------------------------------------
# The draft ordinance on sewage and solid waste, B.E. 2570.

WASTE_PAGE = {
    "slug": "waste-management-2570",
    "title": (
        "ร่างเทศบัญญัติเทศบาลเมืองแสนสุข เรื่อง การจัดการสิ่งปฏิกูลและมูลฝอย พ.ศ. ๒๕๗๐",
        "Draft Saen Suk Town Municipality Ordinance on the Management of Sewage and Solid "
        "Waste B.E. 2570",
    ),
    "summary": (
        "เทศบาลขอรับฟังความคิดเห็นต่อร่างเทศบัญญัติการจัดการขยะฉบับใหม่ ทั้งการคัดแยก "
        "เวลาเก็บขยะริมหาดบางแสน และอัตราค่าธรรมเนียมเก็บขยะ แสดงความคิดเห็นได้ทีละข้อ",
        "The municipality asks for your views on its new draft ordinance on waste: "
        "sorting, collection times on Bang Saen beach and the collection fees. Comment on "
        "it clause by clause.",
    ),
    # The enacting formula: read before the clauses, not commented on.
    "enacting_formula": (
        "โดยที่เป็นการสมควรตราเทศบัญญัติว่าด้วยการจัดการสิ่งปฏิกูลและมูลฝอย "
        "อาศัยอำนาจตามความในมาตรา ๖๐ แห่งพระราชบัญญัติเทศบาล พ.ศ. ๒๔๙๖ "
        "ประกอบมาตรา ๒๐ และมาตรา ๖๓ แห่งพระราชบัญญัติการสาธารณสุข พ.ศ. ๒๕๓๕ "
        "เทศบาลเมืองแสนสุขโดยความเห็นชอบของสภาเทศบาลเมืองแสนสุขและผู้ว่าราชการจังหวัดชลบุรี "
        "จึงตราเทศบัญญัติไว้ ดังต่อไปนี้",
        "Whereas it is expedient to enact an ordinance on the management of sewage and "
        "solid waste; by virtue of section 60 of the Municipality Act B.E. 2496 together "
        "with sections 20 and 63 of the Public Health Act B.E. 2535, Saen Suk Town "
        "Municipality, with the approval of the Saen Suk Town Municipal Council and of the "
        "Governor of Chonburi, enacts the following ordinance.",
    ),
    # The hearing: opened `opens_days` ago (a negative number), closes in `closes_days`.
    "opens_days": -12,
    "closes_days": 20,
}

_WASTE_TEXTS = {
    "preamble": ("หลักการและเหตุผล", "Principles and reasons"),
    "why-principle": (
        "หลักการ ให้มีเทศบัญญัติว่าด้วยการจัดการสิ่งปฏิกูลและมูลฝอยในเขตเทศบาลเมืองแสนสุข "
        "กำหนดหน้าที่ของเจ้าของหรือผู้ครอบครองอาคารในการคัดแยกและรวบรวมมูลฝอย "
        "วิธีการเก็บ ขน และกำจัด อัตราค่าธรรมเนียม และบทกำหนดโทษ แทนเทศบัญญัติฉบับเดิม",
        "Principle: an ordinance on the management of sewage and solid waste in Saen Suk "
        "Town Municipality, setting the duties of owners and occupiers of buildings to sort "
        "and gather waste, how waste is collected, transported and disposed of, the fees and "
        "the penalties, in place of the existing ordinance.",
    ),
    "why-reason": (
        "เหตุผล โดยที่เทศบัญญัติเทศบาลเมืองแสนสุข เรื่อง การจัดการมูลฝอย พ.ศ. ๒๕๔๘ "
        "ใช้บังคับมาเป็นเวลานาน ปริมาณมูลฝอยในเขตเทศบาลเพิ่มขึ้นเป็นวันละประมาณ ๙๐ ตัน "
        "โดยเฉพาะบริเวณชายหาดบางแสนและตลาดหนองมนในวันหยุด ประกอบกับพระราชบัญญัติการสาธารณสุข "
        "พ.ศ. ๒๕๓๕ ซึ่งแก้ไขเพิ่มเติม และกฎกระทรวงที่ออกตามพระราชบัญญัติดังกล่าว "
        "ได้กำหนดหลักเกณฑ์การคัดแยกมูลฝอยและอัตราค่าธรรมเนียมขั้นสูงขึ้นใหม่ "
        "สมควรปรับปรุงหลักเกณฑ์การจัดการสิ่งปฏิกูลและมูลฝอยให้เหมาะสมกับเมืองท่องเที่ยว "
        "และสอดคล้องกับกฎหมายที่ใช้บังคับอยู่ในปัจจุบัน",
        "Reasons: the Saen Suk Town Municipality Ordinance on Waste Management B.E. 2548 "
        "has been in force for a long time; the waste of the municipality has grown to about "
        "90 tonnes a day, above all on Bang Saen beach and at Nong Mon market on holidays; "
        "and the Public Health Act B.E. 2535, as amended, and the ministerial regulations "
        "issued under it have set new rules on sorting waste and new maximum fees. The rules "
        "on sewage and solid waste should therefore be brought up to date for a tourist town "
        "and in line with the laws now in force.",
    ),
    "why-fees": (
        "อนึ่ง อัตราค่าธรรมเนียมตามเทศบัญญัติฉบับเดิมไม่เพียงพอต่อค่าใช้จ่ายในการเก็บ ขน และกำจัด "
        "ซึ่งเทศบาลต้องรับภาระเฉลี่ยตันละ ๑,๒๐๐ บาท สมควรกำหนดอัตราค่าธรรมเนียมตามปริมาณมูลฝอย "
        "ที่เกิดขึ้นจริง เพื่อให้ผู้ที่ก่อให้เกิดมูลฝอยมากเป็นผู้รับภาระมาก "
        "และส่งเสริมการลดและคัดแยกมูลฝอยตั้งแต่ต้นทาง จึงจำเป็นต้องตราเทศบัญญัตินี้",
        "Moreover, the fees of the existing ordinance do not cover the cost of collection, "
        "transport and disposal, which averages 1,200 baht a tonne for the municipality. The "
        "fees should follow the amount of waste actually produced, so that those who produce "
        "much waste bear much of the cost, and should encourage reducing and sorting waste "
        "at its source. This ordinance is therefore necessary.",
    ),
    "name": (
        "เทศบัญญัตินี้เรียกว่า “เทศบัญญัติเทศบาลเมืองแสนสุข เรื่อง การจัดการสิ่งปฏิกูลและมูลฝอย พ.ศ. ๒๕๗๐”",
        "This ordinance is called the “Saen Suk Town Municipality Ordinance on the Management "
        "of Sewage and Solid Waste B.E. 2570”.",
    ),
    "commencement": (
        "เทศบัญญัตินี้ให้ใช้บังคับในเขตเทศบาลเมืองแสนสุข เมื่อพ้นกำหนดเจ็ดวันนับแต่วันที่ได้ประกาศ"
        "โดยเปิดเผย ณ สำนักงานเทศบาลเมืองแสนสุขแล้ว",
        "This ordinance comes into force in Saen Suk Town Municipality seven days after it "
        "has been publicly announced at the Saen Suk Town Municipality office.",
    ),
    "repeal": (
        "ให้ยกเลิกเทศบัญญัติเทศบาลเมืองแสนสุข เรื่อง การจัดการมูลฝอย พ.ศ. ๒๕๔๘",
        "The Saen Suk Town Municipality Ordinance on Waste Management B.E. 2548 is repealed.",
    ),
    "repeal-conflicts": (
        "บรรดาเทศบัญญัติ ข้อบังคับ ระเบียบ และคำสั่งอื่นใดของเทศบาลในส่วนที่ได้ตราไว้แล้ว"
        "ในเทศบัญญัตินี้ หรือซึ่งขัดหรือแย้งกับเทศบัญญัตินี้ ให้ใช้เทศบัญญัตินี้แทน",
        "Where other ordinances, by-laws, rules or orders of the municipality deal with what "
        "this ordinance provides, or conflict with it, this ordinance applies instead.",
    ),
    "definitions": ("ในเทศบัญญัตินี้", "In this ordinance:"),
    "def-sewage": (
        "“สิ่งปฏิกูล” หมายความว่า อุจจาระหรือปัสสาวะ และหมายความรวมถึงสิ่งอื่นใดซึ่งเป็นสิ่งโสโครกหรือมีกลิ่นเหม็น",
        "“sewage” means faeces or urine, and includes anything else that is filthy or "
        "foul-smelling;",
    ),
    "def-waste": (
        "“มูลฝอย” หมายความว่า เศษกระดาษ เศษผ้า เศษอาหาร เศษสินค้า เศษวัสดุ ถุงพลาสติก "
        "ภาชนะที่ใส่อาหาร เถ้า มูลสัตว์ หรือซากสัตว์ รวมตลอดถึงสิ่งอื่นใดที่เก็บกวาดจากถนน ตลาด "
        "ที่เลี้ยงสัตว์ หรือที่อื่น",
        "“solid waste” means scraps of paper, cloth, food, goods or materials, plastic "
        "bags, food containers, ashes, animal dung or carcasses, and anything else swept up "
        "from roads, markets, places where animals are kept or elsewhere;",
    ),
    "def-organic": (
        "“มูลฝอยอินทรีย์” หมายความว่า มูลฝอยที่ย่อยสลายได้ตามธรรมชาติ เช่น เศษอาหาร เศษผัก "
        "เปลือกผลไม้ ใบไม้ และกิ่งไม้",
        "“organic waste” means waste that decomposes naturally, such as food scraps, "
        "vegetable scraps, fruit peel, leaves and branches;",
    ),
    "def-recyclable": (
        "“มูลฝอยรีไซเคิล” หมายความว่า มูลฝอยที่นำกลับมาใช้ใหม่หรือแปรรูปได้ เช่น ขวดแก้ว กระดาษ พลาสติก และโลหะ",
        "“recyclable waste” means waste that can be used again or reprocessed, such as "
        "glass bottles, paper, plastic and metal;",
    ),
    "def-hazardous": (
        "“มูลฝอยที่เป็นพิษหรืออันตรายจากชุมชน” หมายความว่า มูลฝอยที่ปนเปื้อนหรือมีองค์ประกอบ"
        "ของวัตถุอันตราย เช่น หลอดไฟ ถ่านไฟฉาย แบตเตอรี่ ภาชนะบรรจุสารเคมี และกระป๋องสเปรย์",
        "“hazardous household waste” means waste contaminated with or containing hazardous "
        "substances, such as fluorescent tubes, torch batteries, batteries, chemical containers "
        "and spray cans;",
    ),
    "def-general": (
        "“มูลฝอยทั่วไป” หมายความว่า มูลฝอยที่มิใช่มูลฝอยอินทรีย์ มูลฝอยรีไซเคิล หรือมูลฝอยที่เป็นพิษหรืออันตรายจากชุมชน",
        "“general waste” means waste that is not organic waste, recyclable waste or "
        "hazardous household waste;",
    ),
    "def-building": (
        "“อาคาร” หมายความว่า ตึก บ้าน เรือน โรง ร้าน แพ คลังสินค้า สำนักงาน "
        "และสิ่งที่สร้างขึ้นอย่างอื่นซึ่งบุคคลอาจเข้าอยู่หรือเข้าใช้สอยได้",
        "“building” means a building, house, dwelling, shed, shop, raft, warehouse, office "
        "or other structure that people may live in or use;",
    ),
    "def-public-place": (
        "“ที่หรือทางสาธารณะ” หมายความว่า สถานที่หรือทางซึ่งมิใช่เป็นของเอกชน "
        "และประชาชนสามารถใช้หรือสัญจรได้ รวมถึงชายหาดบางแสน ชายหาดแหลมแท่น และถนนเลียบชายหาด",
        "“public place or way” means a place or way that is not private and that the public "
        "may use or pass along, including Bang Saen beach, Laem Thaen beach and the beach "
        "road;",
    ),
    "def-officer": (
        "“เจ้าพนักงานท้องถิ่น” หมายความว่า นายกเทศมนตรีเมืองแสนสุข",
        "“local official” means the Mayor of Saen Suk Town.",
    ),
    "enforcement": (
        "ให้นายกเทศมนตรีเมืองแสนสุขเป็นผู้รักษาการตามเทศบัญญัตินี้ และให้มีอำนาจออกระเบียบ ประกาศ "
        "หรือคำสั่ง เพื่อปฏิบัติการให้เป็นไปตามเทศบัญญัตินี้",
        "The Mayor of Saen Suk Town is in charge of this ordinance and may issue rules, "
        "notices or orders to carry it out.",
    ),
    "ch-general": ("บททั่วไป", "General provisions"),
    "duty": (
        "การเก็บ ขน และกำจัดสิ่งปฏิกูลและมูลฝอยในเขตเทศบาลเมืองแสนสุข เป็นอำนาจหน้าที่ของเทศบาล",
        "Collecting, transporting and disposing of sewage and solid waste in Saen Suk Town "
        "Municipality is the duty and power of the municipality.",
    ),
    "duty-delegate": (
        "ในการดำเนินการตามวรรคหนึ่ง เทศบาลอาจมอบให้บุคคลใดดำเนินการแทนภายใต้การควบคุมดูแล"
        "ของเทศบาล หรืออาจอนุญาตให้บุคคลใดเป็นผู้ดำเนินการตามข้อ ๑๕ ก็ได้",
        "In doing so, the municipality may entrust a person to act for it under its "
        "supervision, or may license a person to do it under Clause 15.",
    ),
    "no-dumping": (
        "ห้ามมิให้ผู้ใดถ่าย เท ทิ้ง หรือทำให้มีขึ้นในที่หรือทางสาธารณะ ซึ่งสิ่งปฏิกูลหรือมูลฝอย นอกจากในที่ที่เทศบาลจัดไว้ให้",
        "No one may discharge, pour, throw away or leave sewage or solid waste in a public "
        "place or way, except where the municipality provides for it.",
    ),
    "no-dumping-sea": (
        "ห้ามมิให้ผู้ใดทิ้งมูลฝอยลงในทะเล บนชายหาด ลงในลำราง คูคลอง หรือท่อระบายน้ำ",
        "No one may throw solid waste into the sea, onto the beach, or into watercourses, "
        "canals or drains.",
    ),
    "premises-clean": (
        "เจ้าของหรือผู้ครอบครองอาคารหรือสถานที่ใด ต้องดูแลรักษาความสะอาดบริเวณอาคารหรือสถานที่นั้น "
        "รวมถึงทางเท้าหน้าอาคาร มิให้มีสิ่งปฏิกูลหรือมูลฝอยจนเป็นที่น่ารังเกียจแก่ผู้อื่น",
        "The owner or occupier of a building or place must keep it clean, including the "
        "pavement in front of it, so that no sewage or solid waste there offends others.",
    ),
    "premises-bins": (
        "เจ้าของหรือผู้ครอบครองอาคารต้องจัดให้มีภาชนะรองรับมูลฝอยที่ถูกสุขลักษณะ มีฝาปิดมิดชิด "
        "ไม่รั่วซึม และมีขนาดเพียงพอกับปริมาณมูลฝอยที่เกิดขึ้นในแต่ละวัน",
        "The owner or occupier of a building must provide hygienic waste containers, closed "
        "with a lid, leak-proof, and large enough for the waste produced each day.",
    ),
    "premises-stalls": (
        "ผู้จำหน่ายสินค้าในที่หรือทางสาธารณะ ต้องจัดให้มีภาชนะรองรับมูลฝอยประจำแผงหรือประจำรถเข็น "
        "และต้องเก็บกวาดมูลฝอยบริเวณที่จำหน่ายสินค้าทุกครั้งก่อนเลิกจำหน่าย",
        "Anyone selling goods in a public place or way must keep a waste container at their "
        "stall or cart, and must sweep up the waste where they sell every time before they "
        "stop selling.",
    ),
    "burning": (
        "ห้ามมิให้ผู้ใดเผามูลฝอยในที่โล่งแจ้ง ไม่ว่าในที่หรือทางสาธารณะหรือในที่ดินของตนเอง "
        "อันก่อให้เกิดควันหรือกลิ่นเป็นเหตุรำคาญแก่ผู้อยู่อาศัยใกล้เคียง",
        "No one may burn solid waste in the open, whether in a public place or way or on "
        "their own land, so that its smoke or smell is a nuisance to people living nearby.",
    ),
    "burning-exception": (
        "ความในวรรคหนึ่งมิให้ใช้บังคับแก่การเผาใบไม้หรือกิ่งไม้แห้งในปริมาณเล็กน้อยในที่ดินของตนเอง"
        "เพื่อการเกษตร ซึ่งได้แจ้งต่อเจ้าพนักงานสาธารณสุขล่วงหน้าแล้ว",
        "The first paragraph does not apply to burning small amounts of dry leaves or "
        "branches on one's own land for farming, after notifying the public health officer "
        "in advance.",
    ),
    "ch-collection": ("การเก็บ ขน และกำจัด", "Collection, transport and disposal"),
    "sorting": (
        "ให้เจ้าของหรือผู้ครอบครองอาคารคัดแยกมูลฝอยก่อนนำไปทิ้ง อย่างน้อยเป็นประเภท ดังต่อไปนี้",
        "Owners and occupiers of buildings must sort their waste before throwing it away, "
        "into at least the following kinds:",
    ),
    "sort-general": (
        "มูลฝอยทั่วไป ให้ใส่ถุงหรือภาชนะสีน้ำเงิน",
        "general waste, in a blue bag or container;",
    ),
    "sort-organic": (
        "มูลฝอยอินทรีย์ ให้ใส่ถุงหรือภาชนะสีเขียว",
        "organic waste, in a green bag or container;",
    ),
    "sort-recyclable": (
        "มูลฝอยรีไซเคิล ให้ใส่ถุงหรือภาชนะสีเหลือง",
        "recyclable waste, in a yellow bag or container;",
    ),
    "sorting-refuse": (
        "เทศบาลจะไม่เก็บขนมูลฝอยที่มิได้คัดแยกตามวรรคหนึ่ง จนกว่าเจ้าของหรือผู้ครอบครองอาคารจะได้คัดแยกให้ถูกต้อง",
        "The municipality will not collect waste that has not been sorted as the first "
        "paragraph requires until the owner or occupier of the building has sorted it "
        "correctly.",
    ),
    "collection": (
        "ให้เทศบาลเก็บขนมูลฝอยจากอาคารที่อยู่อาศัยอย่างน้อยสัปดาห์ละสามครั้ง "
        "ตามวันและเวลาที่เทศบาลประกาศให้ทราบเป็นรายชุมชน",
        "The municipality collects waste from homes at least three times a week, on the "
        "days and at the times it announces for each community.",
    ),
    "collection-beach": (
        "บริเวณชายหาดบางแสน ชายหาดแหลมแท่น และถนนเลียบชายหาด ให้เทศบาลเก็บขนมูลฝอยทุกวัน "
        "ระหว่างเวลา ๐๕.๐๐ นาฬิกา ถึง ๐๘.๐๐ นาฬิกา และในวันเสาร์ วันอาทิตย์ และวันหยุดนักขัตฤกษ์ "
        "ให้เก็บขนเพิ่มอีกหนึ่งรอบหลังเวลา ๑๘.๐๐ นาฬิกา",
        "On Bang Saen beach, Laem Thaen beach and the beach road, the municipality collects "
        "waste every day between 5.00 and 8.00 a.m., and on Saturdays, Sundays and public "
        "holidays once more after 6.00 p.m.",
    ),
    "collection-market": (
        "ตลาดหนองมนและตลาดอื่นในเขตเทศบาล ให้เทศบาลเก็บขนมูลฝอยทุกวันหลังเวลาปิดตลาด",
        "At Nong Mon market and the other markets of the municipality, the municipality "
        "collects waste every day after the market closes.",
    ),
    "putting-out": (
        "ห้ามมิให้ผู้ใดนำมูลฝอยไปวางไว้ในที่หรือทางสาธารณะเพื่อรอการเก็บขน "
        "ก่อนเวลาเก็บขนที่เทศบาลประกาศเกินกว่าสามชั่วโมง",
        "No one may put waste out in a public place or way for collection more than three "
        "hours before the collection time the municipality has announced.",
    ),
    "putting-out-bags": (
        "มูลฝอยที่นำไปวางไว้เพื่อรอการเก็บขนตามวรรคหนึ่ง ต้องบรรจุในถุงที่ผูกมัดปากถุงแน่น"
        "หรือในภาชนะที่มีฝาปิด เพื่อป้องกันสุนัข แมว หรือสัตว์อื่นคุ้ยเขี่ย",
        "Waste put out for collection must be in bags tied tightly or in containers with "
        "lids, so that dogs, cats and other animals cannot scatter it.",
    ),
    "market-collection-point": (
        "เจ้าของหรือผู้ดำเนินกิจการตลาด ห้างสรรพสินค้า โรงแรม หอพัก และร้านอาหาร"
        "ที่มีพื้นที่ให้บริการเกินสองร้อยตารางเมตร ต้องจัดให้มีที่พักรวมมูลฝอยที่ถูกสุขลักษณะ "
        "ตั้งอยู่ในที่ที่รถเก็บขนมูลฝอยเข้าถึงได้สะดวก และล้างทำความสะอาดทุกวัน",
        "Owners and operators of markets, department stores, hotels, dormitories and "
        "restaurants with more than two hundred square metres of service area must provide "
        "a hygienic collection point for their waste, where the collection truck can easily "
        "reach it, and wash it every day.",
    ),
    "market-grease": (
        "ร้านอาหารและแผงจำหน่ายอาหาร ต้องจัดให้มีที่ดักไขมันก่อนปล่อยน้ำทิ้งลงท่อระบายน้ำสาธารณะ "
        "และห้ามมิให้เทน้ำมันที่ใช้แล้วลงในท่อระบายน้ำ",
        "Restaurants and food stalls must have a grease trap before their waste water goes "
        "into the public drains, and may not pour used cooking oil into the drains.",
    ),
    "septic": (
        "เจ้าของหรือผู้ครอบครองอาคารต้องดูแลบ่อเกรอะหรือบ่อเก็บสิ่งปฏิกูลมิให้ล้นหรือรั่วซึม "
        "และเมื่อประสงค์จะให้เทศบาลสูบสิ่งปฏิกูล ให้ยื่นคำขอต่อเทศบาลตามแบบที่เทศบาลกำหนด",
        "Owners and occupiers of buildings must keep their septic tanks or sewage tanks from "
        "overflowing or leaking, and apply to the municipality on its form when they want it "
        "to empty them.",
    ),
    "septic-discharge": (
        "ห้ามมิให้ผู้ใดถ่ายหรือปล่อยสิ่งปฏิกูลลงในทะเล ลำราง คูคลอง ท่อระบายน้ำ หรือที่หรือทางสาธารณะ",
        "No one may discharge or release sewage into the sea, watercourses, canals, drains "
        "or a public place or way.",
    ),
    "licence": (
        "ผู้ใดประสงค์จะประกอบกิจการรับทำการเก็บ ขน หรือกำจัดสิ่งปฏิกูลหรือมูลฝอย "
        "โดยทำเป็นธุรกิจหรือโดยได้รับประโยชน์ตอบแทนด้วยการคิดค่าบริการ "
        "ต้องได้รับใบอนุญาตจากเจ้าพนักงานท้องถิ่น",
        "Anyone who wishes to run a business of collecting, transporting or disposing of "
        "sewage or solid waste, or to do so for a fee, must hold a licence from the local "
        "official.",
    ),
    "licence-conditions": (
        "ผู้รับใบอนุญาตตามวรรคหนึ่งต้องใช้ยานพาหนะที่มีลักษณะปิดมิดชิด ไม่รั่วซึม "
        "และต้องนำสิ่งปฏิกูลหรือมูลฝอยไปกำจัด ณ สถานที่ที่เทศบาลกำหนดหรือเห็นชอบเท่านั้น",
        "Licence holders must use closed, leak-proof vehicles and must take the sewage or "
        "waste only to a place of disposal that the municipality sets or approves.",
    ),
    "disposal": (
        "ให้เทศบาลนำมูลฝอยที่เก็บขนได้ไปกำจัดด้วยวิธีที่ถูกหลักสุขาภิบาล ณ สถานที่กำจัดมูลฝอย"
        "ที่เทศบาลจัดไว้ หรือที่เทศบาลได้ทำความตกลงร่วมกับองค์กรปกครองส่วนท้องถิ่นอื่นหรือหน่วยงาน"
        "ของรัฐ",
        "The municipality disposes of the waste it collects in a sanitary way, at a place "
        "of disposal it provides or one it has agreed on with another local authority or a "
        "state agency.",
    ),
    "disposal-organic": (
        "มูลฝอยอินทรีย์ที่คัดแยกแล้ว ให้เทศบาลนำไปทำปุ๋ยหมักหรือใช้ประโยชน์อย่างอื่น "
        "และเทศบาลอาจแจกจ่ายปุ๋ยหมักให้แก่ชุมชนในเขตเทศบาล",
        "Sorted organic waste is made into compost or otherwise put to use by the "
        "municipality, which may give the compost to the communities of the municipality.",
    ),
    "ch-fees": ("ค่าธรรมเนียม", "Fees"),
    "fees": (
        "ให้เจ้าของหรือผู้ครอบครองอาคารซึ่งเทศบาลให้บริการเก็บและขนมูลฝอย "
        "เสียค่าธรรมเนียมเป็นรายเดือนในอัตรา ดังต่อไปนี้",
        "Owners and occupiers of buildings whose waste the municipality collects pay a "
        "monthly fee at the following rates:",
    ),
    "fee-household-small": (
        "บ้านที่อยู่อาศัยซึ่งมีมูลฝอยไม่เกินวันละ ๒๐ ลิตร เดือนละ ๔๐ บาท",
        "a home with no more than 20 litres of waste a day: 40 baht a month;",
    ),
    "fee-household": (
        "บ้านที่อยู่อาศัยซึ่งมีมูลฝอยเกินวันละ ๒๐ ลิตร แต่ไม่เกินวันละ ๔๐ ลิตร เดือนละ ๘๐ บาท",
        "a home with more than 20 but no more than 40 litres of waste a day: 80 baht a month;",
    ),
    "fee-shop": (
        "ร้านค้า ร้านอาหาร หรือสถานประกอบการ ซึ่งมีมูลฝอยไม่เกินวันละ ๔๐ ลิตร เดือนละ ๑๕๐ บาท",
        "a shop, restaurant or business with no more than 40 litres of waste a day: 150 "
        "baht a month;",
    ),
    "fee-shop-extra": (
        "อาคารตาม (๒) หรือ (๓) ซึ่งมีมูลฝอยเกินวันละ ๔๐ ลิตร แต่ไม่เกินวันละ ๑ ลูกบาศก์เมตร "
        "ให้คิดเพิ่มทุก ๔๐ ลิตรหรือเศษของ ๔๐ ลิตร ละ ๑๕๐ บาทต่อเดือน",
        "a building under (2) or (3) with more than 40 litres but no more than 1 cubic "
        "metre of waste a day: 150 baht a month more for every further 40 litres or part of "
        "40 litres;",
    ),
    "fee-stall": (
        "แผงจำหน่ายสินค้าในตลาดหรือในที่หรือทางสาธารณะที่ได้รับอนุญาต แผงละเดือนละ ๖๐ บาท",
        "a licensed stall in a market or in a public place or way: 60 baht a month a stall;",
    ),
    "fee-large": (
        "อาคารหรือสถานที่ซึ่งมีมูลฝอยเกินวันละ ๑ ลูกบาศก์เมตร ลูกบาศก์เมตรละ ๒,๐๐๐ บาทต่อเดือน "
        "ตามปริมาณมูลฝอยเฉลี่ยต่อวัน",
        "a building or place with more than 1 cubic metre of waste a day: 2,000 baht a "
        "month for each cubic metre of its average daily waste.",
    ),
    "fees-volume": (
        "ปริมาณมูลฝอยตามวรรคหนึ่ง ให้เจ้าพนักงานท้องถิ่นประเมินจากปริมาณเฉลี่ยต่อวัน"
        "ในรอบสามเดือนที่ผ่านมา และแจ้งให้เจ้าของหรือผู้ครอบครองอาคารทราบเป็นหนังสือ",
        "The local official assesses the amount of waste under the first paragraph from the "
        "daily average of the past three months and informs the owner or occupier of the "
        "building in writing.",
    ),
    "fee-occasional": (
        "ค่าธรรมเนียมการเก็บและขนมูลฝอยเป็นครั้งคราว ครั้งละไม่เกิน ๑ ลูกบาศก์เมตร ครั้งละ ๓๐๐ บาท "
        "ส่วนที่เกิน ๑ ลูกบาศก์เมตร ให้คิดเพิ่มลูกบาศก์เมตรละ ๓๐๐ บาท",
        "The fee for an occasional collection of solid waste is 300 baht for up to 1 cubic "
        "metre, and 300 baht for each further cubic metre.",
    ),
    "fee-septic": (
        "ค่าธรรมเนียมการเก็บ ขน และกำจัดสิ่งปฏิกูล ครั้งละไม่เกิน ๒ ลูกบาศก์เมตร ครั้งละ ๕๐๐ บาท "
        "ส่วนที่เกิน ๒ ลูกบาศก์เมตร ให้คิดเพิ่มลูกบาศก์เมตรละ ๒๕๐ บาท",
        "The fee for collecting, transporting and disposing of sewage is 500 baht for up to "
        "2 cubic metres, and 250 baht for each further cubic metre.",
    ),
    "fee-licence": (
        "ค่าธรรมเนียมใบอนุญาตประกอบกิจการรับทำการเก็บ ขน หรือกำจัดสิ่งปฏิกูลหรือมูลฝอยตามข้อ ๑๕ "
        "ฉบับละ ๕,๐๐๐ บาทต่อปี",
        "The fee for a licence under Clause 15 to run a business of collecting, transporting "
        "or disposing of sewage or solid waste is 5,000 baht a year.",
    ),
    "exemption": (
        "เจ้าพนักงานท้องถิ่นอาจยกเว้นค่าธรรมเนียมตามข้อ ๑๗ (๑) ให้แก่ครัวเรือนที่ได้รับการช่วยเหลือ"
        "ตามโครงการสวัสดิการแห่งรัฐ หรือครัวเรือนผู้ยากไร้ตามที่คณะกรรมการชุมชนรับรอง",
        "The local official may waive the fee under Clause 17 (1) for households that "
        "receive state welfare support, or poor households that their community committee "
        "vouches for.",
    ),
    "exemption-composting": (
        "ครัวเรือนที่คัดแยกมูลฝอยอินทรีย์และจัดการเองในครัวเรือน เช่น ทำปุ๋ยหมักหรือถังขยะเปียก "
        "ซึ่งเทศบาลได้ตรวจรับรองแล้ว ให้ได้รับส่วนลดค่าธรรมเนียมตามข้อ ๑๗ (๑) หรือ (๒) ร้อยละห้าสิบ",
        "Households that sort their organic waste and deal with it themselves, for example "
        "by composting it or in a wet-waste bin, once the municipality has checked it, get "
        "half off the fee under Clause 17 (1) or (2).",
    ),
    "payment": (
        "ให้ชำระค่าธรรมเนียมรายเดือนตามข้อ ๑๗ ภายในวันที่สิบห้าของเดือนถัดไป "
        "ณ สำนักงานเทศบาลเมืองแสนสุข หรือผ่านช่องทางอิเล็กทรอนิกส์ที่เทศบาลประกาศกำหนด "
        "หรือจะชำระล่วงหน้าเป็นรายสามเดือน รายหกเดือน หรือรายปีก็ได้",
        "The monthly fee under Clause 17 is paid by the fifteenth of the following month at "
        "the Saen Suk Town Municipality office or through the electronic channels the "
        "municipality announces, or in advance for three months, six months or a year.",
    ),
    "payment-arrears": (
        "ในกรณีที่ผู้มีหน้าที่เสียค่าธรรมเนียมค้างชำระเกินสามเดือน เจ้าพนักงานท้องถิ่นอาจสั่งงด"
        "ให้บริการเก็บและขนมูลฝอยแก่อาคารนั้นจนกว่าจะชำระค่าธรรมเนียมที่ค้างครบถ้วน",
        "Where the fee is more than three months in arrears, the local official may order "
        "that the building's waste is no longer collected until the arrears are paid in "
        "full.",
    ),
    "payment-revenue": (
        "ค่าธรรมเนียมที่เรียกเก็บได้ตามเทศบัญญัตินี้ ให้เป็นรายได้ของเทศบาลเมืองแสนสุข",
        "The fees collected under this ordinance are revenue of Saen Suk Town Municipality.",
    ),
    "ch-penalties": ("บทกำหนดโทษ", "Penalties"),
    "penalty-dumping": (
        "ผู้ใดฝ่าฝืนข้อ ๗ ต้องระวางโทษตามที่กำหนดไว้ในพระราชบัญญัติรักษาความสะอาด"
        "และความเป็นระเบียบเรียบร้อยของบ้านเมือง พ.ศ. ๒๕๓๕",
        "Whoever breaches Clause 7 is liable to the penalties of the Act on the Maintenance "
        "of Cleanliness and Orderliness of the Country B.E. 2535.",
    ),
    "penalty-burning": (
        "ผู้ใดฝ่าฝืนข้อ ๙ วรรคหนึ่ง ต้องระวางโทษปรับไม่เกินสองพันบาท",
        "Whoever breaches Clause 9, first paragraph, is liable to a fine of up to two "
        "thousand baht.",
    ),
    "penalty-rules": (
        "ผู้ใดฝ่าฝืนข้อ ๘ ข้อ ๑๐ วรรคหนึ่ง หรือข้อ ๑๒ ต้องระวางโทษปรับไม่เกินหนึ่งพันบาท",
        "Whoever breaches Clause 8, Clause 10, first paragraph, or Clause 12 is liable to a "
        "fine of up to one thousand baht.",
    ),
    "penalty-warning": (
        "ในกรณีที่เป็นการกระทำความผิดตามวรรคหนึ่งครั้งแรก เจ้าพนักงานท้องถิ่นอาจว่ากล่าวตักเตือน"
        "เป็นหนังสือแทนการดำเนินคดีก็ได้",
        "For a first offence under the first paragraph, the local official may give a "
        "written warning instead of prosecuting.",
    ),
    "penalty-licence": (
        "ผู้ใดประกอบกิจการโดยไม่ได้รับใบอนุญาตตามข้อ ๑๕ หรือฝ่าฝืนข้อ ๑๔ วรรคสอง "
        "ต้องระวางโทษตามที่กำหนดไว้ในพระราชบัญญัติการสาธารณสุข พ.ศ. ๒๕๓๕",
        "Whoever runs a business without a licence under Clause 15, or breaches Clause 14, "
        "second paragraph, is liable to the penalties of the Public Health Act B.E. 2535.",
    ),
    "settlement": (
        "ความผิดตามเทศบัญญัตินี้ที่มีโทษปรับสถานเดียว ให้เจ้าพนักงานท้องถิ่นหรือผู้ซึ่งเจ้าพนักงาน"
        "ท้องถิ่นมอบหมายมีอำนาจเปรียบเทียบปรับได้ เมื่อผู้ต้องหาได้ชำระเงินค่าปรับตามจำนวน"
        "ที่เปรียบเทียบภายในสามสิบวัน ให้ถือว่าคดีเลิกกันตามประมวลกฎหมายวิธีพิจารณาความอาญา",
        "Offences under this ordinance punishable by a fine only may be settled by the local "
        "official or a person the local official appoints; when the offender pays the fine "
        "so set within thirty days, the case is closed under the Criminal Procedure Code.",
    ),
    "s-transitional": ("บทเฉพาะกาล", "Transitional provisions"),
    "transitional-licence": (
        "ใบอนุญาตที่ออกตามเทศบัญญัติที่ถูกยกเลิกตามข้อ ๓ ซึ่งยังไม่สิ้นอายุ ให้ใช้ได้ต่อไปจนกว่าจะสิ้นอายุ",
        "Licences issued under the ordinance repealed by Clause 3 that have not expired "
        "remain valid until they expire.",
    ),
    "transitional-fees": (
        "ภายในหนึ่งปีนับแต่วันที่เทศบัญญัตินี้ใช้บังคับ ให้เรียกเก็บค่าธรรมเนียมตามข้อ ๑๗ "
        "ในอัตรากึ่งหนึ่ง เพื่อให้ผู้มีหน้าที่เสียค่าธรรมเนียมมีเวลาปรับตัวในการลดและคัดแยกมูลฝอย",
        "For one year from the day this ordinance comes into force, half the fees of Clause "
        "17 are charged, so that those who pay them have time to reduce and sort their "
        "waste.",
    ),
}


def _waste_outline(sorting_items, sorting, stalls_in_markets=False, arrears=True):
    """The waste ordinance's outline; version 2 differs in the places the arguments name."""
    stalls = ["premises-stalls"]
    premises = ["premises-clean", "premises-bins", *([] if stalls_in_markets else stalls)]
    markets = ["market-collection-point", *(stalls if stalls_in_markets else []), "market-grease"]
    payment = ["payment", *(["payment-arrears"] if arrears else []), "payment-revenue"]
    return [
        ("preamble", "preamble", ["why-principle", "why-reason", "why-fees"]),
        ("section", "s-name", ["name"]),
        ("section", "s-commencement", ["commencement"]),
        ("section", "s-repeal", ["repeal", "repeal-conflicts"]),
        (
            "section",
            "s-definitions",
            [
                (
                    "definitions",
                    [
                        "def-sewage",
                        "def-waste",
                        "def-organic",
                        "def-recyclable",
                        "def-hazardous",
                        "def-general",
                        "def-building",
                        "def-public-place",
                        "def-officer",
                    ],
                )
            ],
        ),
        ("section", "s-enforcement", ["enforcement"]),
        (
            "chapter",
            "ch-general",
            [
                ("s-duty", ["duty", "duty-delegate"]),  # ข้อ ๖
                ("s-no-dumping", ["no-dumping", "no-dumping-sea"]),  # ข้อ ๗
                ("s-premises", premises),  # ข้อ ๘
                ("s-burning", ["burning", "burning-exception"]),  # ข้อ ๙
            ],
        ),
        (
            "chapter",
            "ch-collection",
            [
                ("s-sorting", [("sorting", sorting_items), *sorting]),  # ข้อ ๑๐
                ("s-collection", ["collection", "collection-beach", "collection-market"]),
                ("s-putting-out", ["putting-out", "putting-out-bags"]),  # ข้อ ๑๒
                ("s-markets", markets),  # ข้อ ๑๓
                ("s-septic", ["septic", "septic-discharge"]),  # ข้อ ๑๔
                ("s-licence", ["licence", "licence-conditions"]),  # ข้อ ๑๕
                ("s-disposal", ["disposal", "disposal-organic"]),  # ข้อ ๑๖
            ],
        ),
        (
            "chapter",
            "ch-fees",
            [
                (
                    "s-fees",  # ข้อ ๑๗
                    [
                        (
                            "fees",
                            [
                                "fee-household-small",
                                "fee-household",
                                "fee-shop",
                                "fee-shop-extra",
                                "fee-stall",
                                "fee-large",
                            ],
                        ),
                        "fees-volume",
                    ],
                ),
                ("s-other-fees", ["fee-occasional", "fee-septic", "fee-licence"]),  # ข้อ ๑๘
                ("s-exemption", ["exemption", "exemption-composting"]),  # ข้อ ๑๙
                ("s-payment", payment),  # ข้อ ๒๐
            ],
        ),
        (
            "chapter",
            "ch-penalties",
            [
                ("s-penalty-dumping", ["penalty-dumping"]),  # ข้อ ๒๑
                ("s-penalty-burning", ["penalty-burning"]),  # ข้อ ๒๒
                ("s-penalty-rules", ["penalty-rules", "penalty-warning"]),  # ข้อ ๒๓
                ("s-penalty-licence", ["penalty-licence"]),  # ข้อ ๒๔
                ("s-settlement", ["settlement"]),  # ข้อ ๒๕
            ],
        ),
        ("section", "s-transitional", ["transitional-licence", "transitional-fees"]),  # ข้อ ๒๖
    ]


WASTE_V1 = {
    "outline": _waste_outline(
        ["sort-general", "sort-organic", "sort-recyclable"], ["sorting-refuse"]
    ),
    "texts": _WASTE_TEXTS,
    "change_note": (
        "ร่างฉบับแรกเพื่อรับฟังความคิดเห็นของประชาชน",
        "The first draft, put to the public hearing.",
    ),
    "published_days": -12,
}

# Version 2, after the first ten days of the hearing and the meeting at the Nong Mon
# community hall: what people asked for that the municipality took up.
WASTE_V2 = {
    **_revise(
        WASTE_V1,
        _waste_outline(
            ["sort-general", "sort-organic", "sort-recyclable", "sort-hazardous"],
            ["sorting-hazardous-points", "sorting-refuse"],
            stalls_in_markets=True,
            arrears=False,
        ),
        changed={
            "sort-hazardous": (
                "มูลฝอยที่เป็นพิษหรืออันตรายจากชุมชน ให้ใส่ถุงหรือภาชนะสีแดง",
                "hazardous household waste, in a red bag or container.",
            ),
            "sorting-hazardous-points": (
                "ให้เทศบาลจัดให้มีจุดรวบรวมมูลฝอยที่เป็นพิษหรืออันตรายจากชุมชนอย่างน้อยชุมชนละหนึ่งแห่ง "
                "และเก็บขนจากจุดรวบรวมดังกล่าวอย่างน้อยเดือนละหนึ่งครั้ง "
                "เพื่อนำไปกำจัดตามหลักเกณฑ์ที่กฎหมายว่าด้วยการสาธารณสุขกำหนด",
                "The municipality provides at least one collection point for hazardous "
                "household waste in every community and empties it at least once a month, "
                "for disposal under the rules of the public health law.",
            ),
            "sorting-refuse": (
                "มูลฝอยที่มิได้คัดแยกตามวรรคหนึ่ง เทศบาลอาจงดเก็บขนในครั้งนั้น "
                "โดยติดป้ายแจ้งเหตุไว้ที่ภาชนะ และให้เจ้าหน้าที่แนะนำวิธีคัดแยกให้ถูกต้อง",
                "Waste that has not been sorted as the first paragraph requires may be left "
                "uncollected that time, with a notice on the container saying why, and "
                "municipal staff show how to sort it correctly.",
            ),
            "collection-beach": (
                "บริเวณชายหาดบางแสน ชายหาดแหลมแท่น และถนนเลียบชายหาด ให้เทศบาลเก็บขนมูลฝอยทุกวัน "
                "ระหว่างเวลา ๐๕.๐๐ นาฬิกา ถึง ๐๘.๐๐ นาฬิกา และในวันเสาร์ วันอาทิตย์ "
                "และวันหยุดนักขัตฤกษ์ ให้เก็บขนเพิ่มอีกหนึ่งรอบระหว่างเวลา ๒๑.๐๐ นาฬิกา "
                "ถึง ๒๓.๐๐ นาฬิกา",
                "On Bang Saen beach, Laem Thaen beach and the beach road, the municipality "
                "collects waste every day between 5.00 and 8.00 a.m., and on Saturdays, "
                "Sundays and public holidays once more between 9.00 and 11.00 p.m.",
            ),
            # The stalls' duties moved to Clause 13: their penalty follows them.
            "penalty-rules": (
                "ผู้ใดฝ่าฝืนข้อ ๘ ข้อ ๑๐ วรรคหนึ่ง ข้อ ๑๒ หรือข้อ ๑๓ วรรคสอง ต้องระวางโทษปรับไม่เกินหนึ่งพันบาท",
                "Whoever breaches Clause 8, Clause 10, first paragraph, Clause 12 or Clause 13, "
                "second paragraph, is liable to a fine of up to one thousand baht.",
            ),
            "fee-household-small": (
                "บ้านที่อยู่อาศัยซึ่งมีมูลฝอยไม่เกินวันละ ๒๐ ลิตร เดือนละ ๒๐ บาท",
                "a home with no more than 20 litres of waste a day: 20 baht a month;",
            ),
            "exemption": (
                "เจ้าพนักงานท้องถิ่นอาจยกเว้นค่าธรรมเนียมตามข้อ ๑๗ (๑) ให้แก่ครัวเรือนที่ได้รับการช่วยเหลือ"
                "ตามโครงการสวัสดิการแห่งรัฐ ครัวเรือนที่มีเฉพาะผู้สูงอายุอาศัยอยู่ตามลำพัง "
                "หรือครัวเรือนผู้ยากไร้ตามที่คณะกรรมการชุมชนรับรอง",
                "The local official may waive the fee under Clause 17 (1) for households "
                "that receive state welfare support, households of older people living on "
                "their own, or poor households that their community committee vouches for.",
            ),
        },
        removed={"payment-arrears"},
    ),
    "change_note": (
        "ปรับปรุงตามความคิดเห็นที่ได้รับในช่วงสิบวันแรกของการรับฟังความคิดเห็น "
        "และการประชุมประชาคม ณ ศาลาชุมชนหนองมน: "
        "ลดค่าธรรมเนียมบ้านที่มีมูลฝอยไม่เกินวันละ ๒๐ ลิตร จากเดือนละ ๔๐ บาท เป็น ๒๐ บาท (ข้อ ๑๗ (๑)); "
        "เพิ่มการคัดแยกมูลฝอยที่เป็นพิษหรืออันตรายจากชุมชนและจุดรวบรวมในทุกชุมชน (ข้อ ๑๐); "
        "เปลี่ยนการงดเก็บมูลฝอยที่มิได้คัดแยกเป็นการแจ้งและแนะนำ (ข้อ ๑๐); "
        "เลื่อนการเก็บขนรอบค่ำริมชายหาดเป็นเวลา ๒๑.๐๐ ถึง ๒๓.๐๐ นาฬิกา (ข้อ ๑๑); "
        "ย้ายหน้าที่ของผู้จำหน่ายสินค้าในที่สาธารณะไปไว้ในข้อ ๑๓ ว่าด้วยตลาด และแก้บทกำหนดโทษ"
        "ในข้อ ๒๓ ตาม; "
        "ยกเว้นค่าธรรมเนียมให้ครัวเรือนผู้สูงอายุที่อยู่ตามลำพัง (ข้อ ๑๙); "
        "และตัดการงดเก็บขยะของบ้านที่ค้างชำระค่าธรรมเนียม (ข้อ ๒๐ วรรคสองเดิม)",
        "Revised after the views received in the first ten days of the hearing and the "
        "community meeting at the Nong Mon community hall: the fee for homes with no more "
        "than 20 litres of waste a day is lowered from 40 to 20 baht a month (Clause 17 (1)); "
        "hazardous household waste is sorted too, with a collection point in every "
        "community (Clause 10); unsorted waste is no longer refused but marked, with advice "
        "on sorting (Clause 10); the evening collection on the beach moves to 9 to 11 p.m. "
        "(Clause 11); the duties of people selling in public places move to Clause 13 on "
        "markets, and the penalty of Clause 23 with them; older people living on their "
        "own are exempted from the fee (Clause 19); "
        "and the stop of collection for homes in arrears is dropped (former Clause 20, "
        "second paragraph).",
    ),
    "published_days": -2,
}

WASTE_VERSIONS = [WASTE_V1, WASTE_V2]

# What people said on version 1. Replies follow the comment they answer.
WASTE_COMMENTS_V1 = [
    DraftComment(
        "elderly-fee",
        "prasert",
        "fee-household-small",
        "ผมอายุ ๗๒ ปี อยู่กันสองคนตายาย ขยะวันหนึ่งไม่ถึงครึ่งถัง ค่าเก็บขยะเดือนละ ๔๐ บาท "
        "แพงเกินไปสำหรับคนที่มีแต่เบี้ยยังชีพ ขอให้ลดลงสำหรับบ้านที่มีขยะน้อยครับ",
        quote="เดือนละ ๔๐ บาท",
    ),
    DraftComment(
        "elderly-fee-reply",
        "wanida",
        "fee-household-small",
        "เห็นด้วยค่ะ บ้านที่อยู่คนเดียวหรือสองคนไม่ควรจ่ายเท่ากับบ้านที่มีกันหกเจ็ดคน",
        reply_to="elderly-fee",
    ),
    DraftComment(
        "doubled-fee",
        "niran",
        "fee-household-small",
        "ที่มาบมะยมเดิมจ่ายเดือนละ ๒๐ บาท ขึ้นเป็นเท่าตัวทีเดียวชาวบ้านรับไม่ไหว ถ้าจะขึ้นควรค่อย ๆ ขึ้นปีละนิด",
    ),
    DraftComment(
        "stall-fee-twice",
        "somchai",
        "fee-stall",
        "ผู้ค้าตลาดหนองมนจ่ายค่าเช่าแผงซึ่งรวมค่าขยะให้เจ้าของตลาดอยู่แล้ว "
        "ถ้าต้องจ่ายให้เทศบาลอีกแผงละ ๖๐ บาท เป็นการเก็บซ้ำซ้อน ควรเก็บจากเจ้าของตลาดทีเดียวครับ",
        quote="แผงละเดือนละ ๖๐ บาท",
    ),
    DraftComment(
        "stall-fee-twice-reply",
        "ratree",
        "fee-stall",
        "ดิฉันขายข้าวหลามที่หนองมนมาสิบปี ค่าใช้จ่ายเพิ่มทุกปี ขอให้เทศบาลคุยกับเจ้าของตลาดก่อนค่ะ",
        reply_to="stall-fee-twice",
    ),
    DraftComment(
        "stall-sizes",
        "ratree",
        "fee-stall",
        "แผงเล็กกับแผงใหญ่ขยะไม่เท่ากัน แผงขายของแห้งแทบไม่มีขยะ "
        "ไม่ควรคิดเท่ากับแผงขายอาหารทะเลที่มีเปลือกหอยเปลือกปูวันละหลายถัง",
    ),
    DraftComment(
        "beach-evening",
        "kanya",
        "collection-beach",
        "หกโมงเย็นวันเสาร์อาทิตย์เป็นช่วงที่คนเต็มหาดบางแสน รถขยะเข้ามาตอนนั้นทั้งกลิ่นทั้งรถติด "
        "ควรเก็บรอบค่ำหลังสามทุ่มเมื่อคนกลับแล้วค่ะ",
        quote="หลังเวลา ๑๘.๐๐ นาฬิกา",
    ),
    DraftComment(
        "beach-evening-reply",
        "supaporn",
        "collection-beach",
        "ร้านอาหารริมหาดของดิฉันปิดสี่ทุ่ม ถ้ารถมาเก็บช่วงสามทุ่มถึงห้าทุ่มจะดีที่สุดค่ะ ขยะจะไม่ต้องค้างคืนให้หมาคุ้ย",
        reply_to="beach-evening",
    ),
    DraftComment(
        "beach-traders-close",
        "malee",
        "collection-beach",
        "ผู้ค้าริมหาดเก็บร้านประมาณสองทุ่ม ถ้ารถขยะมาก่อนหน้านั้น ขยะของร้านจะค้างอยู่ริมหาดทั้งคืน",
    ),
    DraftComment(
        "beach-bins-full",
        "anan",
        "collection-beach",
        "ผมมาเที่ยวบางแสนเกือบทุกเดือน เช้าวันอาทิตย์ถังขยะริมหาดล้นทุกถัง ช่วงวันหยุดยาวควรเพิ่มถังและเก็บบ่อยกว่านี้ครับ",
    ),
    DraftComment(
        "hazardous-kind",
        "pimchanok",
        "sorting",
        "เห็นด้วยกับการคัดแยกขยะค่ะ แต่ควรเพิ่มประเภทขยะอันตราย เช่น ถ่านไฟฉาย หลอดไฟ "
        "ไม่อย่างนั้นคนก็ทิ้งรวมกับขยะทั่วไปเหมือนเดิม",
    ),
    DraftComment(
        "trucks-mix",
        "decha",
        "sorting",
        "ถ้าให้ชาวบ้านคัดแยกแล้วรถเก็บขยะเทรวมกันหมด ชาวบ้านจะไม่เชื่อถือ "
        "ควรกำหนดให้รถเก็บขยะมีช่องแยกประเภทด้วยครับ",
        quote="คัดแยกมูลฝอยก่อนนำไปทิ้ง",
    ),
    DraftComment(
        "refuse-elderly",
        "prasert",
        "sorting-refuse",
        "ผู้สูงอายุบางคนสายตาไม่ดี แยกขยะไม่ถูก ถ้าเทศบาลไม่เก็บเลย ขยะจะกองหน้าบ้าน "
        "เกิดกลิ่นและยุง ควรตักเตือนและสอนก่อนครับ",
        quote="เทศบาลจะไม่เก็บขนมูลฝอยที่มิได้คัดแยก",
    ),
    DraftComment(
        "refuse-elderly-reply",
        "wanida",
        "sorting-refuse",
        "ควรให้ อสม. หรืออาสาสมัครชุมชนช่วยสอนการแยกขยะทุกบ้านก่อนบังคับใช้ค่ะ",
        reply_to="refuse-elderly",
    ),
    DraftComment(
        "burning-notify",
        "niran",
        "burning-exception",
        "ชาวบ้านมาบมะยมยังเผาใบไม้ในสวนอยู่ ข้อยกเว้นนี้ดีแล้ว "
        "แต่การต้องไปแจ้งล่วงหน้าทุกครั้งยุ่งยาก ขอให้แจ้งทางโทรศัพท์หรือไลน์ของเทศบาลได้",
        quote="ได้แจ้งต่อเจ้าพนักงานสาธารณสุขล่วงหน้าแล้ว",
    ),
    DraftComment(
        "burning-no-exception",
        "pimchanok",
        "burning-exception",
        "ไม่ควรมีข้อยกเว้นเลยค่ะ ควันจากการเผาเป็นต้นเหตุหนึ่งของฝุ่น PM 2.5 เทศบาลควรรับกิ่งไม้ใบไม้ไปทำปุ๋ยหมักแทน",
    ),
    DraftComment(
        "burning-behind-market",
        "somchai",
        "burning",
        "ซอยหลังตลาดหนองมนมีคนเผาขยะทุกเย็น ควันเข้าบ้าน เด็กไอทั้งซอย เห็นด้วยกับข้อนี้ครับ",
        quote="เผามูลฝอยในที่โล่งแจ้ง",
    ),
    DraftComment(
        "burning-fine",
        "kanya",
        "penalty-burning",
        "ค่าปรับสองพันบาทสำหรับชาวบ้านที่เผาใบไม้หน้าบ้านหนักเกินไป ครั้งแรกควรตักเตือนเหมือนข้อ ๒๓ ค่ะ",
        quote="ปรับไม่เกินสองพันบาท",
    ),
    DraftComment(
        "tourist-litter",
        "anan",
        "penalty-dumping",
        "นักท่องเที่ยวทิ้งขยะบนหาดมาก ควรปรับจริงจัง และติดป้ายอัตราค่าปรับเป็นภาษาอังกฤษและภาษาจีนริมหาดด้วยครับ",
    ),
    DraftComment(
        "small-traders-fine",
        "malee",
        "penalty-rules",
        "ผู้ค้าเล็ก ๆ ไม่มีเงินจ่ายค่าปรับพันบาท ขอให้ใช้การตักเตือนก่อนจริง ๆ ไม่ใช่แค่เขียนว่าอาจ",
    ),
    DraftComment(
        "shared-collection-point",
        "supaporn",
        "market-collection-point",
        "ร้านอาหารริมหาดส่วนใหญ่หน้าร้านแคบ ไม่มีที่ตั้งที่พักขยะ ขอให้เทศบาลจัดจุดพักขยะรวมริมถนนเลียบหาดให้ร้านใช้ร่วมกัน",
        quote="ต้องจัดให้มีที่พักรวมมูลฝอยที่ถูกสุขลักษณะ",
    ),
    DraftComment(
        "stall-bins",
        "ratree",
        "premises-stalls",
        "ให้แผงลอยมีถังขยะประจำแผงเห็นด้วยค่ะ แต่เทศบาลควรตั้งจุดทิ้งขยะรวมท้ายตลาดให้ด้วย "
        "ไม่อย่างนั้นตอนเลิกขายไม่รู้จะเอาไปทิ้งที่ไหน",
    ),
    DraftComment(
        "arrears-piles",
        "wanida",
        "payment-arrears",
        "ถ้างดเก็บขยะบ้านที่ค้างค่าธรรมเนียม ขยะจะกองอยู่ริมถนนและเดือดร้อนกันทั้งซอย ควรทวงถามด้วยวิธีอื่นค่ะ",
        quote="สั่งงดให้บริการเก็บและขนมูลฝอย",
    ),
    DraftComment(
        "pay-at-hall",
        "prasert",
        "payment",
        "ผู้สูงอายุไม่สะดวกจ่ายทางแอป ขอให้มีพนักงานเก็บเงินที่ศาลาชุมชนเดือนละครั้งเหมือนเดิม",
        quote="ผ่านช่องทางอิเล็กทรอนิกส์",
    ),
    DraftComment(
        "food-waste-market",
        "decha",
        "disposal-organic",
        "ดีมากครับ ควรระบุด้วยว่าเทศบาลจะตั้งจุดรับเศษอาหารจากร้านอาหารและตลาดหนองมน "
        "ซึ่งเป็นขยะอินทรีย์ปริมาณมากที่สุดของเมือง",
    ),
    DraftComment(
        "composting-shops",
        "pimchanok",
        "exemption-composting",
        "ส่วนลดครึ่งหนึ่งสำหรับบ้านที่ทำปุ๋ยหมักเป็นแรงจูงใจที่ดีค่ะ ควรให้ร้านอาหารได้ส่วนลดด้วย",
    ),
    DraftComment(
        "elderly-exemption",
        "niran",
        "exemption",
        "ควรยกเว้นให้บ้านที่มีแต่ผู้สูงอายุอยู่กันตามลำพังด้วย หลายบ้านไม่ได้ลงทะเบียนบัตรสวัสดิการแต่รายได้น้อยมาก",
        quote="ครัวเรือนผู้ยากไร้",
    ),
    DraftComment(
        "small-shops",
        "kanya",
        "fee-shop",
        "ร้านขายของชำเล็ก ๆ ในชุมชนแหลมแท่นมีขยะไม่ถึงวันละ ๒๐ ลิตร ไม่ควรต้องจ่ายเดือนละ ๑๕๐ บาทเท่าร้านอาหาร",
        quote="เดือนละ ๑๕๐ บาท",
    ),
    DraftComment(
        "publish-costs",
        "anan",
        "why-fees",
        "เห็นด้วยกับหลักการว่าใครทิ้งมากจ่ายมาก แต่เทศบาลควรเปิดเผยต้นทุนการเก็บขยะจริงแต่ละปีด้วยครับ",
        quote="ตันละ ๑,๒๐๐ บาท",
    ),
    DraftComment(
        "market-hours",
        "somchai",
        "collection-market",
        "ร้านในตลาดหนองมนปิดไม่พร้อมกัน บางร้านขายถึงสองทุ่ม ควรกำหนดเวลาเก็บให้ชัดเจนครับ",
        quote="หลังเวลาปิดตลาด",
    ),
    DraftComment(
        "late-shops",
        "supaporn",
        "putting-out",
        "ร้านที่ปิดสี่ทุ่มแต่รถมาตีห้า ถ้าห้ามวางขยะก่อนเวลาเก็บเกินสามชั่วโมง ร้านก็ผิดทุกวันค่ะ",
        quote="เกินกว่าสามชั่วโมง",
    ),
    DraftComment(
        "dogs",
        "wanida",
        "putting-out-bags",
        "ถุงที่วางไว้หน้าบ้านโดนหมาคุ้ยทุกคืน ขอให้เทศบาลตั้งถังมีฝาปิดที่ปากซอยด้วยค่ะ",
    ),
    DraftComment(
        "mangroves",
        "decha",
        "def-public-place",
        "ควรรวมป่าชายเลนและลำคลองในเขตเทศบาลด้วย เพราะมีคนแอบทิ้งขยะที่นั่นมาก",
    ),
    DraftComment(
        "half-fee-notice",
        "malee",
        "transitional-fees",
        "ปีแรกเก็บครึ่งราคาดีแล้ว แต่ควรแจ้งชาวบ้านล่วงหน้าอย่างน้อยสามเดือน และบอกให้ชัดว่าปีถัดไปเท่าไร",
    ),
]

# Comments on version 2, after it was published.
WASTE_COMMENTS_V2 = [
    DraftComment(
        "thanks-lower-fee",
        "prasert",
        "fee-household-small",
        "ขอบคุณเทศบาลที่ลดเหลือเดือนละ ๒๐ บาทครับ คนแก่อย่างผมพอจ่ายไหว",
        quote="เดือนละ ๒๐ บาท",
    ),
    DraftComment(
        "beach-night-better",
        "kanya",
        "collection-beach",
        "เก็บรอบค่ำช่วงสามทุ่มถึงห้าทุ่มดีขึ้นมากค่ะ ขอให้เริ่มใช้ในช่วงเทศกาลสงกรานต์ด้วย",
    ),
    DraftComment(
        "hazardous-points-where",
        "pimchanok",
        "sorting-hazardous-points",
        "จุดรวบรวมขยะอันตรายควรอยู่ที่ศาลาชุมชนและโรงเรียน ให้คนรู้ว่าต้องเอาไปทิ้งที่ไหนค่ะ",
        quote="อย่างน้อยชุมชนละหนึ่งแห่ง",
    ),
    DraftComment(
        "stall-fee-still",
        "ratree",
        "fee-stall",
        "ค่าขยะแผงละ ๖๐ บาทยังเหมือนเดิม ขอให้เทศบาลพิจารณาเรื่องเก็บซ้ำกับเจ้าของตลาดอีกครั้งค่ะ",
    ),
    DraftComment(
        "exemption-proof",
        "wanida",
        "exemption",
        "ผู้สูงอายุที่อยู่ตามลำพังต้องใช้เอกสารอะไรบ้างในการขอยกเว้น ควรให้ประธานชุมชนรับรองได้เลยค่ะ",
    ),
]

# Who agrees and disagrees with a paragraph, by the version they read it in.
WASTE_VOTES = {
    1: {
        "fee-household-small": {
            "agree": ["anan"],
            "disagree": ["prasert", "wanida", "niran", "kanya", "malee"],
        },
        "fee-stall": {"agree": ["pimchanok"], "disagree": ["somchai", "ratree", "malee"]},
        "collection-beach": {
            "agree": ["anan", "pimchanok"],
            "disagree": ["kanya", "supaporn", "malee"],
        },
        "sorting": {"agree": ["pimchanok", "decha", "wanida", "somchai", "anan"], "disagree": []},
        "sorting-refuse": {"agree": ["decha"], "disagree": ["prasert", "wanida", "niran"]},
        "burning": {"agree": ["somchai", "pimchanok", "decha", "wanida"], "disagree": ["niran"]},
        "burning-exception": {"agree": ["niran", "kanya"], "disagree": ["pimchanok", "decha"]},
        "penalty-dumping": {"agree": ["anan", "pimchanok", "supaporn"], "disagree": []},
        "payment-arrears": {"agree": [], "disagree": ["wanida", "prasert", "somchai"]},
        "disposal-organic": {"agree": ["decha", "pimchanok", "niran"], "disagree": []},
        "why-fees": {"agree": ["anan", "decha"], "disagree": ["niran"]},
    },
    2: {
        "fee-household-small": {"agree": ["prasert", "niran", "wanida"], "disagree": []},
        "collection-beach": {"agree": ["kanya", "supaporn"], "disagree": []},
        "sorting-hazardous-points": {"agree": ["pimchanok", "decha"], "disagree": []},
    },
}

# Who supports (likes) a comment.
WASTE_SUPPORTS = {
    "elderly-fee": ["wanida", "niran", "kanya", "somchai", "malee"],
    "stall-fee-twice": ["ratree", "malee", "kanya"],
    "beach-evening": ["supaporn", "malee", "anan"],
    "hazardous-kind": ["decha", "anan"],
    "refuse-elderly": ["wanida", "niran"],
    "burning-no-exception": ["decha", "somchai"],
    "arrears-piles": ["prasert", "somchai", "niran"],
    "tourist-litter": ["pimchanok"],
    "thanks-lower-fee": ["niran"],
}

# ---------------------------------------------------------------------------------
# The earlier draft on markets, B.E. 2569: its hearing closed and its report published.

MARKET_PAGE = {
    "slug": "markets-2569",
    "title": (
        "ร่างเทศบัญญัติเทศบาลเมืองแสนสุข เรื่อง ตลาด พ.ศ. ๒๕๖๙",
        "Draft Saen Suk Town Municipality Ordinance on Markets B.E. 2569",
    ),
    "summary": (
        "ร่างเทศบัญญัติว่าด้วยการจัดตั้งและดูแลตลาดในเขตเทศบาล โดยเฉพาะตลาดหนองมน: "
        "แผงค้า เวลาเปิดปิด สุขลักษณะ และค่าธรรมเนียม การรับฟังความคิดเห็นปิดแล้ว "
        "และเทศบาลได้เผยแพร่รายงานผลการรับฟังความคิดเห็น",
        "A draft ordinance on setting up and running markets in the municipality, above "
        "all Nong Mon market: stalls, opening hours, hygiene and fees. The hearing has "
        "closed and the municipality has published its hearing report.",
    ),
    "enacting_formula": (
        "โดยที่เป็นการสมควรตราเทศบัญญัติว่าด้วยตลาด อาศัยอำนาจตามความในมาตรา ๖๐ "
        "แห่งพระราชบัญญัติเทศบาล พ.ศ. ๒๔๙๖ ประกอบมาตรา ๓๕ และมาตรา ๖๓ "
        "แห่งพระราชบัญญัติการสาธารณสุข พ.ศ. ๒๕๓๕ เทศบาลเมืองแสนสุขโดยความเห็นชอบของ"
        "สภาเทศบาลเมืองแสนสุขและผู้ว่าราชการจังหวัดชลบุรี จึงตราเทศบัญญัติไว้ ดังต่อไปนี้",
        "Whereas it is expedient to enact an ordinance on markets; by virtue of section 60 "
        "of the Municipality Act B.E. 2496 together with sections 35 and 63 of the Public "
        "Health Act B.E. 2535, Saen Suk Town Municipality, with the approval of the Saen Suk "
        "Town Municipal Council and of the Governor of Chonburi, enacts the following "
        "ordinance.",
    ),
    "opens_days": -75,
    "closes_days": -45,
}

_MARKET_TEXTS = {
    "preamble": ("หลักการและเหตุผล", "Principles and reasons"),
    "why": (
        "ตลาดหนองมนและตลาดในเขตเทศบาลเมืองแสนสุขมีผู้ค้าและผู้มาซื้อสินค้าเพิ่มขึ้นมาก "
        "แต่หลักเกณฑ์ด้านสุขลักษณะ เวลาเปิดปิด และการจัดแผงค้ายังไม่ชัดเจน "
        "สมควรมีเทศบัญญัติว่าด้วยตลาดเพื่อคุ้มครองสุขภาพของประชาชนและความเป็นระเบียบของเมือง",
        "Nong Mon market and the other markets of Saen Suk have many more traders and "
        "shoppers than before, but the rules on hygiene, opening hours and stalls are "
        "unclear. An ordinance on markets is needed to protect public health and keep the "
        "town orderly.",
    ),
    "why-law": (
        "พระราชบัญญัติการสาธารณสุข พ.ศ. ๒๕๓๕ บัญญัติให้การจัดตั้งตลาดต้องได้รับใบอนุญาต"
        "จากเจ้าพนักงานท้องถิ่น และให้ราชการส่วนท้องถิ่นออกข้อกำหนดของท้องถิ่นว่าด้วยตลาดได้ "
        "จึงจำเป็นต้องตราเทศบัญญัตินี้",
        "The Public Health Act B.E. 2535 requires a licence from the local official to set "
        "up a market and lets local authorities make local rules on markets. This ordinance "
        "is therefore necessary.",
    ),
    "name": (
        "เทศบัญญัตินี้เรียกว่า “เทศบัญญัติเทศบาลเมืองแสนสุข เรื่อง ตลาด พ.ศ. ๒๕๖๙”",
        "This ordinance is called the “Saen Suk Town Municipality Ordinance on Markets B.E. 2569”.",
    ),
    "commencement": (
        "เทศบัญญัตินี้ให้ใช้บังคับในเขตเทศบาลเมืองแสนสุข เมื่อพ้นกำหนดเจ็ดวันนับแต่วันที่ได้ประกาศ"
        "โดยเปิดเผย ณ สำนักงานเทศบาลเมืองแสนสุขแล้ว",
        "This ordinance comes into force in Saen Suk Town Municipality seven days after it "
        "has been publicly announced at the Saen Suk Town Municipality office.",
    ),
    "def-market": (
        "ในเทศบัญญัตินี้ “ตลาด” หมายความว่า สถานที่ที่จัดไว้ให้ผู้ค้าใช้เป็นที่ชุมนุมเพื่อจำหน่าย"
        "สินค้าประเภทสัตว์ เนื้อสัตว์ ผัก ผลไม้ หรืออาหารอันมีสภาพเป็นของสด ประกอบหรือปรุงแล้ว "
        "หรือของเสียง่าย เป็นประจำหรือเป็นครั้งคราวหรือตามวันที่กำหนด",
        "In this ordinance, “market” means a place where traders gather, regularly, now and "
        "then or on set days, to sell animals, meat, vegetables, fruit, or fresh, prepared or "
        "cooked food or other perishables.",
    ),
    "ch-licence": ("การจัดตั้งตลาด", "Setting up a market"),
    "licence": (
        "ผู้ใดประสงค์จะจัดตั้งตลาดในเขตเทศบาล ต้องได้รับใบอนุญาตจากเจ้าพนักงานท้องถิ่น "
        "และต้องจัดให้มีทางเดินในตลาดกว้างไม่น้อยกว่า ๒ เมตร ที่จอดรถ และห้องส้วมสำหรับผู้ค้า"
        "และผู้มาซื้อสินค้า",
        "Anyone who wishes to set up a market in the municipality must hold a licence from "
        "the local official, and must provide aisles at least 2 metres wide, parking, and "
        "toilets for traders and shoppers.",
    ),
    "hours": (
        "ตลาดในเขตเทศบาลเปิดได้ระหว่างเวลา ๐๔.๐๐ นาฬิกา ถึง ๒๐.๐๐ นาฬิกา "
        "เว้นแต่ได้รับอนุญาตจากเจ้าพนักงานท้องถิ่นให้เปิดในเวลาอื่น",
        "Markets in the municipality may open between 4.00 a.m. and 8.00 p.m., unless the "
        "local official permits other hours.",
    ),
    "ch-hygiene": ("สุขลักษณะของตลาด", "Hygiene of markets"),
    "stalls": (
        "แผงจำหน่ายอาหารสดต้องทำด้วยวัสดุที่ทำความสะอาดง่าย มีพื้นที่ไม่น้อยกว่า ๒ ตารางเมตร "
        "และสูงจากพื้นไม่น้อยกว่า ๖๐ เซนติเมตร",
        "Stalls selling fresh food must be of materials that are easy to clean, at least 2 "
        "square metres in size and at least 60 centimetres above the ground.",
    ),
    "traders-health": (
        "ผู้ค้าและผู้ช่วยจำหน่ายสินค้าในตลาด ต้องผ่านการอบรมด้านสุขาภิบาลอาหารตามหลักสูตร"
        "ที่เทศบาลกำหนด และต้องแต่งกายสะอาด สวมผ้ากันเปื้อนและหมวกหรือเน็ตคลุมผมขณะจำหน่ายอาหาร",
        "Traders and their helpers must complete the food hygiene course the municipality "
        "sets, and while selling food must be cleanly dressed and wear an apron and a cap or "
        "hairnet.",
    ),
    "cleaning": (
        "ผู้รับใบอนุญาตต้องทำความสะอาดตลาดทุกวันหลังปิดตลาด และล้างตลาดครั้งใหญ่อย่างน้อยเดือนละหนึ่งครั้ง",
        "The licence holder must clean the market every day after it closes, and give it a "
        "thorough wash at least once a month.",
    ),
    "waste": (
        "ผู้รับใบอนุญาตต้องจัดให้มีที่รองรับมูลฝอยที่มีฝาปิดประจำทุกแผง และที่พักรวมมูลฝอยที่รถเก็บขนมูลฝอยเข้าถึงได้สะดวก",
        "The licence holder must provide a waste bin with a lid at every stall, and a "
        "collection point that the collection truck can easily reach.",
    ),
    "ch-fees": ("ค่าธรรมเนียมและบทกำหนดโทษ", "Fees and penalties"),
    "fee": (
        "ค่าธรรมเนียมใบอนุญาตจัดตั้งตลาด ฉบับละ ๒,๐๐๐ บาทต่อปี สำหรับตลาดที่มีแผงไม่เกิน "
        "๕๐ แผง และ ๔,๐๐๐ บาทต่อปี สำหรับตลาดที่มีแผงเกิน ๕๐ แผง",
        "The fee for a licence to run a market is 2,000 baht a year for a market of up to "
        "50 stalls and 4,000 baht a year for a market of more than 50 stalls.",
    ),
    "penalty": (
        "ผู้ใดฝ่าฝืนข้อ ๕ หรือข้อ ๖ ต้องระวางโทษปรับไม่เกินหนึ่งพันบาท",
        "Whoever breaches Clause 5 or Clause 6 is liable to a fine of up to one thousand baht.",
    ),
}

MARKET_V1 = {
    "outline": [
        ("preamble", "preamble", ["why", "why-law"]),
        ("section", "s-name", ["name"]),  # ข้อ ๑
        ("section", "s-commencement", ["commencement"]),  # ข้อ ๒
        ("section", "s-definitions", ["def-market"]),  # ข้อ ๓
        ("chapter", "ch-licence", [("s-licence", ["licence", "hours"])]),  # ข้อ ๔
        (
            "chapter",
            "ch-hygiene",
            [
                ("s-stalls", ["stalls", "traders-health"]),  # ข้อ ๕
                ("s-cleaning", ["cleaning", "waste"]),  # ข้อ ๖
            ],
        ),
        (
            "chapter",
            "ch-fees",
            [("s-fee", ["fee"]), ("s-penalty", ["penalty"])],  # ข้อ ๗, ข้อ ๘
        ),
    ],
    "texts": _MARKET_TEXTS,
    "change_note": (
        "ร่างเพื่อรับฟังความคิดเห็นของประชาชน",
        "The draft put to the public hearing.",
    ),
    "published_days": -75,
}

MARKET_VERSIONS = [MARKET_V1]

MARKET_COMMENTS = [
    DraftComment(
        "hours-early",
        "somchai",
        "hours",
        "ผู้ค้าข้าวหลามและห่อหมกหนองมนต้องเตรียมของตั้งแต่ตีสาม ขอให้เปิดได้ตั้งแต่ตีสามครับ",
        quote="๐๔.๐๐ นาฬิกา",
    ),
    DraftComment(
        "hours-evening",
        "ratree",
        "hours",
        "วันหยุดนักท่องเที่ยวมาซื้อของฝากถึงสามทุ่ม ปิดสองทุ่มผู้ค้าเสียรายได้มากค่ะ",
    ),
    DraftComment(
        "hours-evening-reply",
        "wanida",
        "hours",
        "ถ้าเปิดดึก ขอให้มีคนดูแลเรื่องเสียงและรถจอดในซอยด้วยค่ะ ชาวบ้านรอบตลาดนอนไม่ได้",
        reply_to="hours-evening",
    ),
    DraftComment(
        "stall-size",
        "ratree",
        "stalls",
        "แผงเดิมในตลาดหนองมนหลายแผงมีพื้นที่ไม่ถึงสองตารางเมตร ถ้าต้องขยายทั้งหมด ผู้ค้าบางคนจะไม่มีที่ขาย",
        quote="ไม่น้อยกว่า ๒ ตารางเมตร",
    ),
    DraftComment(
        "training-free",
        "kanya",
        "traders-health",
        "การอบรมสุขาภิบาลอาหารดีค่ะ แต่ขอให้เทศบาลจัดอบรมฟรีในวันที่ตลาดปิด",
    ),
    DraftComment(
        "toilets",
        "anan",
        "licence",
        "ห้องน้ำในตลาดหนองมนไม่พอในวันหยุดเลยครับ ควรกำหนดจำนวนห้องน้ำตามจำนวนแผงด้วย",
        quote="ห้องส้วม",
    ),
    DraftComment(
        "wash-weekly",
        "pimchanok",
        "cleaning",
        "ตลาดอาหารทะเลควรล้างใหญ่ทุกสัปดาห์ ไม่ใช่เดือนละครั้ง กลิ่นแรงมากค่ะ",
        quote="อย่างน้อยเดือนละหนึ่งครั้ง",
    ),
    DraftComment(
        "sorting-bins",
        "decha",
        "waste",
        "ที่รองรับมูลฝอยประจำแผงควรแยกเศษอาหารออกมาด้วย จะได้นำไปทำปุ๋ยได้",
    ),
    DraftComment(
        "fee-fair",
        "prasert",
        "fee",
        "ค่าธรรมเนียมตามจำนวนแผงยุติธรรมดีครับ ตลาดใหญ่ควรจ่ายมากกว่า",
    ),
    DraftComment(
        "fine-warning",
        "malee",
        "penalty",
        "ผู้ค้าที่ทำผิดครั้งแรกควรได้รับคำเตือนก่อนถูกปรับค่ะ",
    ),
]

MARKET_VOTES = {
    1: {
        "hours": {"agree": ["wanida", "prasert"], "disagree": ["somchai", "ratree", "kanya"]},
        "stalls": {"agree": ["pimchanok"], "disagree": ["ratree", "somchai"]},
        "traders-health": {"agree": ["kanya", "anan", "pimchanok", "wanida"], "disagree": []},
        "fee": {"agree": ["prasert", "decha"], "disagree": []},
    }
}

MARKET_SUPPORTS = {
    "hours-early": ["ratree", "kanya"],
    "hours-evening": ["somchai", "anan"],
    "stall-size": ["somchai", "malee"],
    "toilets": ["pimchanok", "wanida", "decha"],
}

# The municipality's answers for the hearing report (R10), as the division that wrote the
# draft. Verdicts as the report has them: "accepted", "partly" (partly accepted),
# "not_accepted".
MARKET_RESPONDER = "กองสาธารณสุขและสิ่งแวดล้อม เทศบาลเมืองแสนสุข"
MARKET_PARAGRAPH_RESPONSES = {
    "hours": (
        "partly",
        "เทศบาลจะให้ตลาดเปิดได้ตั้งแต่เวลา ๐๓.๐๐ นาฬิกา เพื่อให้ผู้ค้าเตรียมสินค้า "
        "และในวันเสาร์ วันอาทิตย์ และวันหยุดนักขัตฤกษ์ ให้ปิดได้ถึงเวลา ๒๑.๐๐ นาฬิกา "
        "ส่วนวันธรรมดายังคงปิดเวลา ๒๐.๐๐ นาฬิกา เพื่อไม่ให้รบกวนผู้อยู่อาศัยรอบตลาด",
    ),
    "stalls": (
        "partly",
        "แผงที่มีอยู่ก่อนวันที่เทศบัญญัติใช้บังคับให้ใช้ขนาดเดิมได้ต่อไป ขนาดไม่น้อยกว่า ๒ ตารางเมตร ใช้กับแผงที่จัดตั้งใหม่เท่านั้น",
    ),
    "cleaning": (
        "accepted",
        "ตลาดที่จำหน่ายอาหารทะเลหรือเนื้อสัตว์ ต้องล้างตลาดครั้งใหญ่อย่างน้อยสัปดาห์ละหนึ่งครั้ง",
    ),
    "fee": (
        "accepted",
        "คงอัตราค่าธรรมเนียมตามร่าง ซึ่งไม่เกินอัตราที่กฎหมายกำหนด",
    ),
}
MARKET_COMMENT_RESPONSES = {
    "training-free": (
        "accepted",
        "เทศบาลจะจัดอบรมสุขาภิบาลอาหารโดยไม่เก็บค่าใช้จ่าย ปีละสองรอบ ในวันจันทร์ที่ตลาดหยุด",
    ),
    "toilets": (
        "accepted",
        "เพิ่มเกณฑ์ห้องส้วมอย่างน้อยหนึ่งห้องต่อแผงค้ายี่สิบแผง ตามหลักเกณฑ์ของกรมอนามัย",
    ),
    "sorting-bins": (
        "partly",
        "การคัดแยกเศษอาหารจะกำหนดไว้ในเทศบัญญัติว่าด้วยการจัดการสิ่งปฏิกูลและมูลฝอย "
        "ซึ่งเทศบาลกำลังยกร่าง เพื่อให้ใช้กับทุกแหล่งกำเนิดมูลฝอย ไม่เฉพาะตลาด",
    ),
    "fine-warning": (
        "not_accepted",
        "โทษปรับไม่เกินหนึ่งพันบาทเป็นอัตราขั้นสูง เจ้าพนักงานท้องถิ่นใช้ดุลพินิจว่ากล่าวตักเตือน"
        "ได้อยู่แล้วตามระเบียบการเปรียบเทียบปรับ จึงไม่จำเป็นต้องเขียนไว้ในเทศบัญญัติ",
    ),
    "hours-evening-reply": (
        "accepted",
        "เทศกิจจะจัดเจ้าหน้าที่ดูแลการจราจรและการจอดรถในซอยรอบตลาดหนองมนในวันที่ตลาดปิดดึก",
    ),
}
MARKET_REPORT_SUMMARY = (
    "เทศบาลเมืองแสนสุขรับฟังความคิดเห็นต่อร่างเทศบัญญัติ เรื่อง ตลาด พ.ศ. ๒๕๖๙ "
    "เป็นเวลา ๓๐ วัน ทางแพลตฟอร์มบอกเรา และการประชุมผู้ค้าตลาดหนองมน "
    "ประเด็นที่มีผู้แสดงความคิดเห็นมากที่สุด คือ เวลาเปิดปิดตลาด และขนาดแผงค้าเดิม "
    "เทศบาลได้ปรับร่างตามความคิดเห็นในเรื่องเวลาเปิดตลาด ขนาดแผงเดิม การล้างตลาด "
    "การอบรมผู้ค้า และจำนวนห้องส้วม ก่อนเสนอร่างต่อสภาเทศบาลเมืองแสนสุข",
    "Saen Suk Town Municipality heard views on the Draft Ordinance on Markets B.E. 2569 "
    "for 30 days, on the Bokrao platform and at a meeting with the traders of Nong Mon "
    "market. Most comments were on the market's opening hours and on the size of existing "
    "stalls. The municipality revised the draft on opening hours, existing stalls, "
    "washing the market, training for traders and the number of toilets before putting it "
    "to the Saen Suk Town Municipal Council.",
)
