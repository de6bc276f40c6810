"""Demo content for the platform and two pilot municipalities, drawn from the seeds:
Saen Suk Town Municipality (Chonburi), with one consultation of each process, and
Ratchathewi District (Bangkok), where the OPDC piloted Bokrao, with one debate.

Every text is a (Thai, English) pair: pages are written in Thai, then translated
to English through wagtail-localize the way a translator would, by filling in
the PO file of each page's translation.
"""

import json
from datetime import timedelta

from wagtail.rich_text import RichText

from . import demo_budget
from . import demo_drafts as drafts


def _p(*paragraphs):
    return RichText("".join(f"<p>{text}</p>" for text in paragraphs))


def _texts(*pairs):
    """Thai paragraphs for the page, and the Thai -> English map for its translation."""
    return [th for th, _en in pairs], dict(pairs)


HOME = {
    "slug": "saensuk",
    "title": ("เทศบาลเมืองแสนสุข", "Saen Suk Town Municipality"),
    "intro": (
        "บอกเรา ถึงรัฐ: ร่วมแสดงความคิดเห็น เสนอโครงการ และลงคะแนนเสียง "
        "เพื่อพัฒนาแสนสุข จังหวัดชลบุรี ได้ทุกที่ ทุกเวลา จากโทรศัพท์ของท่าน",
        "Bokrao, tell us, to the state: comment, propose projects and vote for the "
        "development of Saen Suk, Chonburi, from anywhere, at any time, on your phone.",
    ),
}

SECTIONS = [
    {
        "process_type": "debate",
        "slug": "debates",
        "title": ("การอภิปราย", "Debates"),
        "intro": (
            "พูดคุยและร่วมแสดงความคิดเห็นในประเด็นของท้องถิ่นอย่างสร้างสรรค์",
            "Talk about local issues and share your views constructively.",
        ),
    },
    {
        "process_type": "proposals",
        "slug": "proposals",
        "title": ("ข้อเสนอของประชาชน", "Citizen proposals"),
        "intro": (
            "ผู้นำชุมชน ประชาชน และเยาวชน เสนอโครงการและแนวทางแก้ไขปัญหาในพื้นที่",
            "Community leaders, residents and young people propose projects and solutions.",
        ),
    },
    {
        "process_type": "vote",
        "slug": "votes",
        "title": ("การลงคะแนนเสียง", "Votes"),
        "intro": (
            "ร่วมลงคะแนนเสียงเพื่อตัดสินใจในประเด็นต่าง ๆ ของเทศบาล",
            "Vote to decide on the municipality's questions.",
        ),
    },
    {
        "process_type": "legislation",
        "slug": "draft-regulations",
        "title": ("ร่างเทศบัญญัติ", "Draft ordinances"),
        "intro": (
            "แสดงความคิดเห็นต่อร่างนโยบายและร่างเทศบัญญัติ ทีละข้อ",
            "Comment on draft policies and municipal ordinances, section by section.",
        ),
    },
    {
        "process_type": "budget",
        "slug": "budget",
        "title": ("งบประมาณแบบมีส่วนร่วม", "Participatory budgeting"),
        "intro": (
            "เสนอ ตรวจสอบ ติดตาม และลงคะแนนเสียงให้โครงการในงบประมาณของเทศบาล",
            "Propose, check, follow and vote on projects of the municipal budget.",
        ),
    },
]

_nong_mon_body, _nong_mon_en = _texts(
    (
        "ที่ประชุมร่วมระหว่างสำนักงาน ก.พ.ร. UNDP ประเทศไทย และเทศบาลเมืองแสนสุข "
        "ได้เลือกการพัฒนาหนองมนในเชิงเศรษฐกิจสร้างสรรค์เป็นประเด็นยุทธศาสตร์ "
        "ที่อยู่ในอำนาจหน้าที่ของเทศบาลและแก้ไขได้จริง",
        "A joint meeting of the OPDC, UNDP Thailand and Saen Suk Town Municipality chose "
        "the creative-economy development of Nong Mon as a strategic issue that lies within "
        "the municipality's powers and can really be solved.",
    ),
    (
        "ตลาดหนองมนเป็นแหล่งของฝากที่มีชื่อเสียงของจังหวัดชลบุรี "
        "เทศบาลอยากฟังว่าชาวแสนสุข ผู้ค้า และผู้มาเยือน อยากเห็นหนองมนเปลี่ยนไปอย่างไร",
        "Nong Mon market is Chonburi's famous place for local food and souvenirs. The "
        "municipality wants to hear how residents, traders and visitors would like Nong Mon "
        "to change.",
    ),
    (
        "ความเห็นของผู้อยู่อาศัยในพื้นที่ ผู้ที่สนใจ และผู้ที่มีความกังวล จะถูกแยกแสดงให้เห็น "
        "เพื่อให้เทศบาลเข้าใจความต้องการของคนในพื้นที่และนอกพื้นที่อย่างเหมาะสม",
        "The views of residents, of interested people and of concerned people are shown "
        "separately, so that the municipality understands the needs of people inside and "
        "outside the area.",
    ),
)

# From the seeds (001: what people want changed is not always what the municipality
# may do; "the development of the city as a whole conflicts with what some traders want,
# such as developing the beach for sustainable tourism").
_beach_body, _beach_en = _texts(
    (
        "ที่ประชุมร่วมกับสำนักงาน ก.พ.ร. ระบุว่า ความต้องการพัฒนาเมืองในภาพรวมบางครั้งขัดแย้งกับ "
        "ความต้องการของผู้ประกอบการบางส่วน เช่น การพัฒนาชายหาดเพื่อการท่องเที่ยวอย่างยั่งยืน",
        "A meeting with the OPDC noted that developing the town as a whole sometimes "
        "conflicts with what some businesses want, for example developing the beach for "
        "sustainable tourism.",
    ),
    (
        "ชายหาดบางแสนมีผู้ค้าริมหาดหลายร้อยราย ร่มและเก้าอี้ชายหาดเป็นรายได้ของหลายครอบครัว "
        "แต่ผู้มาเยือนและชาวบ้านบางส่วนต้องการพื้นที่ชายหาดที่โล่งและสะอาดขึ้น",
        "Bang Saen beach has hundreds of beachfront traders; umbrellas and deckchairs are "
        "the income of many families, but some visitors and residents want a clearer, "
        "cleaner beach.",
    ),
    (
        "เทศบาลขอฟังเหตุผลของทุกฝ่าย ก่อนเสนอแนวทางการจัดระเบียบชายหาดต่อสภาเทศบาล",
        "The municipality wants to hear every side's reasons before it puts a plan for the "
        "beach to the municipal council.",
    ),
)

_parking_body, _parking_en = _texts(
    (
        "ตลาดหนองมนมีผู้มาเยือนจำนวนมากในวันหยุด รถที่จอดริมถนนสุขุมวิททำให้รถติดยาว "
        "และชาวบ้านในซอยรอบตลาดออกจากบ้านไม่ได้",
        "Nong Mon market draws many visitors at weekends; cars parked along Sukhumvit Road "
        "cause long jams and residents of the lanes around the market cannot get out.",
    ),
)

_lighting_body, _lighting_en = _texts(
    (
        "ชาวบ้านหลายชุมชนแจ้งว่าถนนในซอยมืดมาก ควรติดไฟส่องสว่าง แต่งบประมาณปีนี้ติดตั้งได้ไม่ครบทุกซอย",
        "Residents of several communities report that their lanes are very dark and need "
        "street lights, but this year's budget cannot light every lane.",
    ),
    (
        "โปรดช่วยเทศบาลเลือกว่าควรติดตั้งไฟส่องสว่างในซอยใดก่อน",
        "Please help the municipality choose which lanes to light first.",
    ),
)

_budget_body, _budget_en = _texts(
    (
        "เทศบาลจัดสรรงบประมาณส่วนหนึ่งให้ประชาชนเป็นผู้เสนอและเลือกโครงการ "
        "งบประมาณมีจำกัด จึงไม่สามารถสนับสนุนทุกคำขอได้",
        "The municipality sets aside part of its budget for projects that residents propose "
        "and choose. The money is limited, so not every request can be funded.",
    ),
    (
        "คำขอที่อยู่นอกอำนาจหน้าที่ของเทศบาลจะไม่สูญหาย แต่จะถูกส่งต่อเข้าแผนพัฒนาพื้นที่ "
        "ระดับอำเภอและตำบล ตามระเบียบกระทรวงมหาดไทย พ.ศ. 2562",
        "Requests outside the municipality's powers are not lost: they are forwarded into "
        "the district and sub-district area plan under the Interior Ministry regulation of "
        "2019.",
    ),
)

_proposals_body, _proposals_en = _texts(
    (
        "ท่านมีความคิดที่จะทำให้ชุมชนของท่านดีขึ้นหรือไม่ เสนอโครงการของท่าน "
        "ให้เพื่อนบ้านร่วมสนับสนุน ข้อเสนอที่ได้รับการสนับสนุนมากจะถูกนำไปพิจารณา",
        "Do you have an idea that would make your community better? Propose your project "
        "and ask your neighbours to support it. Well-supported proposals will be considered.",
    ),
)

HOW_TO_TAKE_PART = (
    ("วิธีร่วมแสดงความคิดเห็น", "How to take part"),
    (
        "อ่านรายละเอียด แล้วแสดงความคิดเห็นหรือลงคะแนนก่อนวันปิดรับฟังความคิดเห็น "
        "ผู้ที่ไม่สะดวกใช้อินเทอร์เน็ต สามารถแสดงความคิดเห็นได้ที่สำนักงานเทศบาล",
        "Read the details, then comment or vote before the listening period closes. If you "
        "cannot use the internet, you can give your views at the municipal office.",
    ),
)


WIDGET_SETTINGS = {
    "minimum_verification": "1",  # email-confirmed participants
    "voter_groups": [],
    "results": "live",
    "opens_at": None,
    "closes_at": None,
}
WIDGET_QUESTIONS = {
    "debate": (
        "agree_disagree",
        ("หนองมนควรเป็นพื้นที่เศรษฐกิจสร้างสรรค์หรือไม่", "Should Nong Mon become a creative-economy area?"),
    ),
    "proposals": (
        "support",
        ("สนับสนุนการเปิดรับข้อเสนอครั้งนี้", "Support this call for proposals"),
    ),
    "vote": (
        "agree_disagree",
        ("ควรติดไฟในซอยที่มืดที่สุดก่อนหรือไม่", "Should the darkest lanes be lit first?"),
    ),
    "legislation": (
        "agree_disagree",
        ("ท่านเห็นด้วยกับร่างเทศบัญญัตินี้หรือไม่", "Do you agree with this draft ordinance?"),
    ),
    # A round's participation is its own (projects, supports, the ballot): no widget.
    "budget": None,
}


def _widget(process_type, question=None):
    if WIDGET_QUESTIONS[process_type] is None:
        return None, None
    kind, default_question = WIDGET_QUESTIONS[process_type]
    question = question or default_question
    value = {**WIDGET_SETTINGS, "question": question[0]}
    if kind == "agree_disagree":
        value["allow_neutral"] = True
    else:
        value["goal"] = 100
    return (kind, value), question


COMMENTS_QUESTION = (
    "ท่านมีความเห็นหรือข้อเสนอแนะอย่างไร",
    "What do you think? Your comments and suggestions",
)
POLL = {
    "question": (
        "งานใดควรทำก่อน (เลือกได้ไม่เกิน 2 ข้อ)",
        "Which work should come first? (choose up to 2)",
    ),
    "options": [
        ("ไฟส่องสว่างในซอย", "Lights in the lanes"),
        ("ทางเท้าและทางลาด", "Pavements and ramps"),
        ("ท่อระบายน้ำ", "Drains"),
        ("กล้องวงจรปิด", "CCTV cameras"),
    ],
}


def _comments_widget():
    return ("comments", {**WIDGET_SETTINGS, "question": COMMENTS_QUESTION[0]})


def _poll():
    return (
        "poll",
        {
            **WIDGET_SETTINGS,
            "question": POLL["question"][0],
            "options": [option[0] for option in POLL["options"]],
            "multiple": True,
            "max_choices": 2,
            "allow_other": True,
        },
    )


def _consultation(
    kind,
    slug,
    title,
    summary,
    body_th,
    body_en,
    opens_days,
    closes_days,
    phases=None,
    question=None,
    how_to=HOW_TO_TAKE_PART,
    fields=None,
    english_parts=(),
):
    """`fields`: more of the page's fields, each a (Thai, English) pair or a value that is
    not translated (a number, a choice)."""
    callout_title, callout_text = how_to
    english = {**body_en, callout_title[0]: callout_title[1], callout_text[0]: callout_text[1]}
    process_type = PROCESS_OF_KIND[kind]
    widget, question = _widget(process_type, question)
    if question:
        english[question[0]] = question[1]
    english[COMMENTS_QUESTION[0]] = COMMENTS_QUESTION[1]
    extra = []
    if process_type == "vote":
        extra.append(_poll())
        english.update([POLL["question"], *POLL["options"]])
    english[title[0]] = title[1]
    english[summary[0]] = summary[1]
    english.update(names for _key, names, _money in english_parts)
    page_fields = {}
    for name, field in (fields or {}).items():
        if isinstance(field, list):  # rich text: its (Thai, English) paragraphs
            page_fields[name] = "".join(f"<p>{th}</p>" for th, _en in field)
            english.update(field)
        elif isinstance(field, tuple):
            page_fields[name] = field[0]
            english[field[0]] = field[1]
        else:
            page_fields[name] = field
    return {
        "kind": kind,
        "slug": slug,
        "title": title[0],
        "summary": summary[0],
        "opens_in": timedelta(days=opens_days),
        "closes_in": timedelta(days=closes_days),
        # (kind, starts in days, ends in days); None: one listening phase from open to close.
        "phases": phases,
        "body": [
            *[("paragraph", _p(text)) for text in body_th],
            *([widget] if widget else []),
            *extra,
            ("callout", {"title": callout_title[0], "text": _p(callout_text[0])}),
            _comments_widget(),
        ],
        "fields": page_fields,
        "english": english,
    }


# The call's categories: (fixed id, (Thai, English)); a proposal names one by its id.
PROPOSAL_CATEGORIES = [
    ("roads", ("ถนน ทางเท้า และการจราจร", "Roads, pavements and traffic")),
    ("environment", ("สิ่งแวดล้อมและชายหาด", "Environment and the beach")),
    ("community", ("ชุมชน อาชีพ และสังคม", "Community, livelihoods and society")),
    ("safety", ("ความปลอดภัย", "Safety")),
]


def _call_categories():
    return json.dumps(
        [{"type": "category", "value": th, "id": key} for key, (th, _en) in PROPOSAL_CATEGORIES]
    )


_waste_intro = (
    (
        "เทศบาลเมืองแสนสุขขอรับฟังความคิดเห็นต่อร่างเทศบัญญัตินี้ก่อนเสนอสภาเทศบาล "
        "เลือกข้อหรือวรรคที่ท่านต้องการ แล้วแสดงความคิดเห็น ยกข้อความที่ท่านหมายถึง "
        "หรือบอกว่าเห็นด้วยหรือไม่เห็นด้วย ความคิดเห็นต่อฉบับก่อนยังอ่านได้เสมอ",
        "Saen Suk Town Municipality asks for your views on this draft before it goes to "
        "the municipal council. Choose a clause or paragraph, then comment, quote the "
        "words you mean, or say whether you agree. Comments on earlier versions stay "
        "readable.",
    ),
    drafts.WASTE_PAGE["enacting_formula"],
)
_market_intro = (
    (
        "การรับฟังความคิดเห็นต่อร่างเทศบัญญัตินี้ปิดแล้ว อ่านความคิดเห็นของผู้ค้า ชาวบ้าน "
        "และผู้มาเยือน ทีละข้อ พร้อมคำตอบของเทศบาล ในรายงานผลการรับฟังความคิดเห็น",
        "The hearing on this draft has closed. Read what traders, residents and visitors "
        "said on each clause, with the municipality's answers, in the hearing report.",
    ),
    # What the hearing report says, on the page too.
    drafts.MARKET_REPORT_SUMMARY,
    drafts.MARKET_PAGE["enacting_formula"],
)


def _draft_consultation(draft, content, first_version, intro, fields=None):
    """A draft regulation in its hearing phase, with the text of its first version
    (published as a version by demo_hearings.py) and its English translation."""
    body, english = _texts(*intro)
    consultation = _consultation(
        "DraftRegulationPage",
        content["slug"],
        content["title"],
        content["summary"],
        body,
        english,
        content["opens_days"],
        content["closes_days"],
        phases=[("hearing", content["opens_days"], content["closes_days"])],
        fields={
            "section_word": "kho",
            "numerals": "thai",
            "text": json.dumps(drafts.stream(draft, first_version)),
            **(fields or {}),
        },
    )
    consultation["english"].update(drafts.english(draft, first_version))
    consultation["draft"] = draft
    return consultation


# Both demo rounds: one ballot in one community per person, within its money; anyone
# with a confirmed email takes part, wherever they live (the results split who lives
# in Saen Suk from who does not). The parts and the money are set when the demo loads,
# once the communities (areas) exist: demo_budget.round_parts.
_ROUND_FIELDS = {
    "ballot_kind": "knapsack",
    "submit_verification": 1,
    "support_verification": 1,
    "ballot_verification": 1,
    "ballot_residence": "anyone",
}
_ROUND_PART_NAMES = [(None, names, None) for names in demo_budget.ENGLISH_PART_NAMES]

_budget_2570_body, _budget_2570_en = _texts(
    (
        "ในปีงบประมาณ 2570 ชาวแสนสุขเสนอโครงการสิบห้าโครงการในสามชุมชน "
        "และลงคะแนนเลือกโครงการภายในงบประมาณของแต่ละชุมชน ทั้งทางออนไลน์และด้วยบัตรลงคะแนนที่ศาลาชุมชน",
        "In fiscal year 2570 Saen Suk's people proposed fifteen projects in three "
        "communities and balloted within each community's money, online and on paper at "
        "the community halls.",
    ),
    (
        "เทศบาลรายงานความคืบหน้าและเงินที่ใช้ไปของทุกโครงการที่ได้รับเลือกไว้ที่หน้านี้",
        "The municipality reports the progress and the money spent of every selected "
        "project on this page.",
    ),
)

PROCESS_OF_KIND = {
    "DebatePage": "debate",
    "ProposalIndexPage": "proposals",
    "VotePage": "vote",
    "DraftRegulationPage": "legislation",
    "BudgetRoundPage": "budget",
}

CONSULTATIONS = {
    "debate": [
        _consultation(
            "DebatePage",
            "nong-mon-creative-economy",
            ("การพัฒนาหนองมนในเชิงเศรษฐกิจสร้างสรรค์", "Developing Nong Mon as a creative economy"),
            (
                "หนองมนควรพัฒนาไปในทิศทางใด ร่วมแลกเปลี่ยนความคิดเห็นกับเพื่อนบ้านและเทศบาล",
                "Which way should Nong Mon develop? Share your views with your neighbours and "
                "the municipality.",
            ),
            _nong_mon_body,
            _nong_mon_en,
            -7,
            45,
        ),
        _consultation(
            "DebatePage",
            "bang-saen-beach-tourism",
            (
                "ชายหาดบางแสน: ท่องเที่ยวอย่างยั่งยืนกับการค้าริมหาด",
                "Bang Saen beach: sustainable tourism and beachfront trade",
            ),
            (
                "การพัฒนาชายหาดเพื่อการท่องเที่ยวอย่างยั่งยืนควรดูแลผู้ค้าริมหาดอย่างไร",
                "How should developing the beach for sustainable tourism look after the "
                "beachfront traders?",
            ),
            _beach_body,
            _beach_en,
            -5,
            40,
            question=(
                "เทศบาลควรจัดโซนผู้ค้าริมหาดบางแสนใหม่ เพื่อคืนพื้นที่ชายหาดให้ทุกคนหรือไม่",
                "Should the municipality re-zone the beachfront traders of Bang Saen to give "
                "the beach back to everyone?",
            ),
        ),
        _consultation(
            "DebatePage",
            "nong-mon-market-parking",
            (
                "ที่จอดรถรอบตลาดหนองมน",
                "Parking around Nong Mon market",
            ),
            (
                "รถติดและจอดซ้อนคันรอบตลาดหนองมนในวันหยุด ควรแก้อย่างไร",
                "Traffic jams and double parking around Nong Mon market at weekends: what "
                "should be done?",
            ),
            _parking_body,
            _parking_en,
            -75,
            -15,
            fields={
                "outcome": [
                    (
                        "มีผู้ร่วมแสดงความคิดเห็น 212 คน ส่วนใหญ่เป็นผู้อยู่อาศัยในชุมชนหนองมนและผู้ค้าในตลาด "
                        "ผู้ร่วมอภิปรายเห็นด้วยกับการจัดที่จอดรถรวมนอกตลาด แต่กังวลเรื่องระยะทางเดินของผู้สูงอายุ",
                        "212 people took part, most of them residents of the Nong Mon community "
                        "and traders of the market. They agreed with shared car parks outside the "
                        "market but worried about how far older people would have to walk.",
                    ),
                    (
                        "ผู้ค้าขอให้มีจุดจอดรถชั่วคราวสำหรับขนสินค้าในช่วงเช้า",
                        "Traders asked for short-stay loading bays in the mornings.",
                    ),
                ],
                "next_steps": [
                    (
                        "เทศบาลจะเปิดที่จอดรถรวมสองแห่งพร้อมรถรับส่งไปตลาดในวันหยุด "
                        "และกำหนดจุดขนสินค้าหน้าตลาดเวลา 05.00 ถึง 09.00 น. "
                        "โดยจะรายงานความคืบหน้าบนหน้านี้ในการประชุมชุมชนครั้งถัดไป",
                        "The municipality will open two shared car parks with a shuttle to the "
                        "market at weekends and set loading bays in front of the market from "
                        "5 to 9 a.m. It will report progress on this page at the next community "
                        "meeting.",
                    ),
                ],
            },
        ),
    ],
    "proposals": [
        _consultation(
            "ProposalIndexPage",
            "community-projects-2571",
            (
                "ข้อเสนอโครงการเพื่อชุมชนแสนสุข ปีงบประมาณ 2571",
                "Project proposals for Saen Suk communities, fiscal year 2028 (B.E. 2571)",
            ),
            (
                "เสนอโครงการที่ชุมชนของท่านต้องการ และสนับสนุนข้อเสนอของเพื่อนบ้าน",
                "Propose the projects your community needs and support your neighbours' proposals.",
            ),
            _proposals_body,
            _proposals_en,
            -14,
            60,
            # Residents propose and support until day 30; the municipality answers; then
            # everyone follows what is done.
            phases=[("proposals", -14, 30), ("review", 30, 45), ("results", 45, 60)],
            fields={
                "categories": _call_categories(),
                "threshold_kind": "number",
                "threshold": 5,
            },
        ),
    ],
    "vote": [
        _consultation(
            "VotePage",
            "street-lighting-priorities",
            ("ไฟส่องสว่างในซอย: ติดตั้งซอยใดก่อน", "Street lighting: which lanes first"),
            (
                "ร่วมลงคะแนนเลือกซอยที่ควรติดตั้งไฟส่องสว่างก่อน",
                "Vote for the lanes that should get street lights first.",
            ),
            _lighting_body,
            _lighting_en,
            -3,
            21,
        ),
    ],
    # The open hearing on the waste ordinance, and the closed one on markets whose
    # report is published (demo_drafts.py has their texts; demo_hearings.py holds them).
    "legislation": [
        _draft_consultation(drafts.WASTE, drafts.WASTE_PAGE, drafts.WASTE_V1, _waste_intro),
        _draft_consultation(
            drafts.MARKET,
            drafts.MARKET_PAGE,
            drafts.MARKET_V1,
            _market_intro,
        ),
    ],
    "budget": [
        {
            **_consultation(
                "BudgetRoundPage",
                demo_budget.ROUND_2571,
                (
                    "งบประมาณแบบมีส่วนร่วม ปีงบประมาณ 2571",
                    "Participatory budget, fiscal year 2028 (B.E. 2571)",
                ),
                (
                    "ร่วมเลือกโครงการที่จะได้รับงบประมาณ ภายในวงเงินที่เทศบาลมี",
                    "Help choose which projects get funded, within the money the municipality has.",
                ),
                _budget_body,
                _budget_en,
                -40,
                35,
                # A round runs in steps: people propose projects, the municipality checks
                # them, people support the ones they want on the ballot, the costs are
                # published, then people ballot within each community's money.
                phases=demo_budget.PHASES_2571,
                fields=_ROUND_FIELDS | {"counting_rule": "equal_shares"},
                english_parts=_ROUND_PART_NAMES,
            ),
            "budget_year": 2571,
        },
        {
            **_consultation(
                "BudgetRoundPage",
                demo_budget.ROUND_2570,
                (
                    "งบประมาณแบบมีส่วนร่วม ปีงบประมาณ 2570",
                    "Participatory budget, fiscal year 2027 (B.E. 2570)",
                ),
                (
                    "โครงการที่ชาวแสนสุขเลือกเมื่อปีที่แล้ว ผลการนับคะแนน และความคืบหน้าของแต่ละโครงการ",
                    "The projects Saen Suk's people chose last year, the count, and how each "
                    "project is coming along.",
                ),
                _budget_2570_body,
                _budget_2570_en,
                -320,
                -200,
                phases=demo_budget.PHASES_2570,
                fields=_ROUND_FIELDS | {"counting_rule": "greedy"},
                english_parts=_ROUND_PART_NAMES,
            ),
            "budget_year": 2570,
        },
    ],
}

CONSULTATIONS["proposals"][0]["english"].update(label for _key, label in PROPOSAL_CATEGORIES)

_privacy_body, _privacy_en = _texts(
    (
        "เทศบาลเก็บเฉพาะข้อมูลที่จำเป็นต่อการรับฟังความคิดเห็น ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562",
        "The municipality keeps only the data it needs to hear your views, under the "
        "Personal Data Protection Act of 2019.",
    ),
    (
        "คุกกี้ที่จำเป็นใช้เพื่อให้เว็บไซต์ทำงานได้ คุกกี้เพื่อการวิเคราะห์และคุกกี้เพื่อการโฆษณา "
        "จะใช้เมื่อท่านยินยอมเท่านั้น และท่านเปลี่ยนการตั้งค่าได้ทุกเมื่อจากลิงก์การตั้งค่าคุกกี้ท้ายหน้า",
        "Essential cookies make the site work. Performance and targeting cookies are used "
        "only with your consent, and you can change your choice at any time from the cookie "
        "settings link at the foot of every page.",
    ),
)

_about_body, _about_en = _texts(
    (
        "บอกเรา ถึงรัฐ เป็นแพลตฟอร์มกลางเพื่อการมีส่วนร่วมของประชาชนในระดับท้องถิ่น "
        "พัฒนาจากความร่วมมือของสำนักงาน ก.พ.ร. กรมส่งเสริมการปกครองท้องถิ่น และ UNDP ประเทศไทย",
        "Bokrao, tell us, to the state, is a shared platform for citizen participation in "
        "local government, developed with the OPDC, the Department of Local Administration "
        "and UNDP Thailand.",
    ),
    (
        "แพลตฟอร์มนี้เสริมการรับฟังความคิดเห็นในรูปแบบเดิม สำหรับผู้ที่ไม่สามารถมาร่วมประชุมได้ "
        "และความเห็นที่รับฟังในที่ประชุมจะถูกบันทึกไว้ในระบบเดียวกัน",
        "It adds to on-site hearings for people who cannot attend them, and views heard at "
        "meetings are recorded in the same system.",
    ),
)

INFORMATION_PAGES = [
    {
        "slug": "about",
        "title": ("เกี่ยวกับบอกเรา", "About Bokrao"),
        "body": _about_body,
        "english": _about_en,
        "show_in_menus": True,
    },
    {
        "slug": "privacy",
        "title": ("นโยบายความเป็นส่วนตัวและคุกกี้", "Privacy and cookie policy"),
        "body": _privacy_body,
        "english": _privacy_en,
        "show_in_menus": False,
    },
]


PLATFORM = {
    "slug": "bokrao",
    "title": ("บอกเรา ถึงรัฐ", "Bokrao: tell us, to the state"),
    "intro": (
        "แพลตฟอร์มกลางเพื่อการมีส่วนร่วมของประชาชนในระดับท้องถิ่น "
        "เลือกองค์กรปกครองส่วนท้องถิ่นของท่าน แล้วร่วมแสดงความคิดเห็น เสนอโครงการ และลงคะแนนเสียง",
        "A shared platform for citizen participation in local government. Choose your "
        "local authority, then comment, propose projects and vote.",
    ),
}

SAENSUK = {
    **HOME,
    "details": {
        "name": "เทศบาลเมืองแสนสุข",
        "name_en": "Saen Suk Town Municipality",
        "kind": "town",
        "province": "ชลบุรี",
        "province_en": "Chonburi",
    },
    # Communities of the municipality (ชุมชน); registered residents, rounded.
    "areas": [
        ("01", "ชุมชนหนองมน", "Nong Mon community", 3200),
        ("02", "ชุมชนบางแสนสาย 1", "Bang Saen Sai 1 community", 2850),
        ("03", "ชุมชนวอนนภา", "Won Napha community", 2400),
        ("04", "ชุมชนแหลมแท่น", "Laem Thaen community", 1900),
        ("05", "ชุมชนมาบมะยม", "Map Mayom community", 2100),
    ],
    "sections": SECTIONS,
    "consultations": CONSULTATIONS,
    "information_pages": INFORMATION_PAGES,
    "staff": "saensuk-staff",
    "featured_proposals": ("ข้อเสนอเด่นของชาวแสนสุข", "Featured proposals from Saen Suk"),
}

RATCHATHEWI_HOW_TO = (
    HOW_TO_TAKE_PART[0],
    (
        "อ่านรายละเอียด แล้วแสดงความคิดเห็นหรือลงคะแนนก่อนวันปิดรับฟังความคิดเห็น "
        "ผู้ที่ไม่สะดวกใช้อินเทอร์เน็ต สามารถแสดงความคิดเห็นได้ที่สำนักงานเขตราชเทวี",
        "Read the details, then comment or vote before the listening period closes. If you "
        "cannot use the internet, you can give your views at the Ratchathewi District Office.",
    ),
)

_dust_body, _dust_en = _texts(
    (
        "สำนักงาน ก.พ.ร. ลงพื้นที่นำร่องใช้แพลตฟอร์ม บอกเรา ถึงรัฐ ในเขตราชเทวี กรุงเทพมหานคร "
        "เพื่อร่วมออกแบบแนวทางการแก้ไขปัญหาที่สอดคล้องกับความต้องการของประชาชนอย่างแท้จริง",
        "The OPDC is piloting the Bokrao platform in Ratchathewi District, Bangkok, so that "
        "people help design solutions that truly meet their needs.",
    ),
    (
        "ฝุ่นละอองขนาดเล็ก (PM 2.5) เป็นประเด็นที่อยู่ในความสนใจของประชาชน "
        "สำนักงานเขตอยากฟังว่าชาวราชเทวี ผู้ค้า และผู้ที่เดินทางผ่านเขตทุกวัน เห็นว่าควรเริ่มแก้ไขจากที่ใดก่อน",
        "Fine dust (PM 2.5) is an issue people care about. The district office wants to hear "
        "where residents, traders and the people who travel through the district every day "
        "think it should start.",
    ),
)

RATCHATHEWI_SECTIONS = [SECTIONS[0]]
RATCHATHEWI_CONSULTATIONS = {
    "debate": [
        _consultation(
            "DebatePage",
            "pm25-dust",
            (
                "ฝุ่น PM 2.5 ในเขตราชเทวี: ชุมชนช่วยกันลดฝุ่นได้อย่างไร",
                "PM 2.5 dust in Ratchathewi: how can communities reduce it?",
            ),
            (
                "ร่วมเสนอแนวทางลดฝุ่นละอองขนาดเล็กในชุมชน ริมถนน และรอบโรงเรียนของเขตราชเทวี",
                "Suggest ways to reduce fine dust in Ratchathewi's communities, streets and "
                "around its schools.",
            ),
            _dust_body,
            _dust_en,
            -4,
            30,
            question=(
                "เขตควรติดตั้งจุดตรวจวัดและแจ้งเตือนค่าฝุ่นในทุกแขวงหรือไม่",
                "Should the district measure dust and warn people in every sub-district?",
            ),
            how_to=RATCHATHEWI_HOW_TO,
        ),
    ],
}

RATCHATHEWI = {
    "slug": "ratchathewi",
    "title": ("เขตราชเทวี", "Ratchathewi District"),
    "intro": (
        "บอกเรา ถึงรัฐ ในเขตราชเทวี กรุงเทพมหานคร: ร่วมแสดงความคิดเห็นกับสำนักงานเขต "
        "ได้ทุกที่ ทุกเวลา จากโทรศัพท์ของท่าน",
        "Bokrao in Ratchathewi District, Bangkok: share your views with the district office "
        "from anywhere, at any time, on your phone.",
    ),
    "details": {
        "name": "เขตราชเทวี",
        "name_en": "Ratchathewi District",
        "kind": "bangkok_district",
        "province": "กรุงเทพมหานคร",
        "province_en": "Bangkok",
        "code": "1037",
    },
    # Its four sub-districts (แขวง), with their registered residents, rounded.
    "areas": [
        ("103701", "ทุ่งพญาไท", "Thung Phaya Thai", 19800),
        ("103702", "ถนนพญาไท", "Thanon Phaya Thai", 9000),
        ("103703", "ถนนเพชรบุรี", "Thanon Phetchaburi", 14300),
        ("103704", "มักกะสัน", "Makkasan", 20500),
    ],
    "sections": RATCHATHEWI_SECTIONS,
    "consultations": RATCHATHEWI_CONSULTATIONS,
    "information_pages": [],
    "staff": "ratchathewi-staff",
}

MUNICIPALITIES = [SAENSUK, RATCHATHEWI]

# Comments residents left on the demo consultations: (municipality, process, author, text).
# Somchai lives in Saen Suk and travels through Ratchathewi: inside in one, outside in
# the other.
DEMO_COMMENTS = [
    ("saensuk", "vote", "somchai", "ถนนในซอยมืดมากควรติดไฟส่องสว่างก่อนหน้าฝน"),
    ("saensuk", "vote", "malee", "เห็นด้วยค่ะ ซอยข้างตลาดเปลี่ยวมากตอนกลางคืน"),
    (
        "saensuk",
        "legislation",
        "malee",
        "ควรประกาศวันและเวลาเก็บขยะของแต่ละชุมชนให้ชัดเจน ติดไว้ที่ศาลาชุมชนทุกแห่ง",
    ),
    ("saensuk", "debate", "somchai", "ควรให้ร้านค้าเดิมในชุมชนได้ประโยชน์ก่อนนักลงทุนจากข้างนอก"),
    (
        "ratchathewi",
        "debate",
        "somchai",
        "ผมเดินทางผ่านถนนเพชรบุรีทุกวัน ควรมีจุดวัดฝุ่นที่ป้ายรถเมล์ด้วยครับ",
    ),
]

# More of Saen Suk's participants: (key, display name, voter group, area code where they
# live in Saen Suk, or None: they live elsewhere). Somchai and Malee are made above.
DEMO_CITIZENS = [
    ("prasert", "ประเสริฐ", "resident", "02"),
    ("wanida", "วนิดา", "resident", "03"),
    ("niran", "นิรันดร์", "resident", "05"),
    ("kanya", "กัญญา", "concerned", "04"),
    ("anan", "อนันต์", "interested", None),
    ("pimchanok", "พิมพ์ชนก", "interested", None),
]

# The open beach debate's arguments: (key, author, text, replying to the key or None),
# and who agrees and disagrees with them.
BEACH_DEBATE = "bang-saen-beach-tourism"
BEACH_ARGUMENTS = [
    (
        "zones",
        "prasert",
        "ควรจัดโซนร่มและเก้าอี้ให้เป็นช่วง ๆ เว้นพื้นที่โล่งให้ชาวบ้านและนักท่องเที่ยวเดินเล่นได้",
        None,
    ),
    (
        "income",
        "malee",
        "ผู้ค้าริมหาดหลายครอบครัวมีรายได้ทางเดียว ถ้าจัดโซนใหม่ต้องไม่ลดจำนวนผู้ค้าเดิม",
        None,
    ),
    (
        "visitors",
        "anan",
        "ผมมาเที่ยวบางแสนทุกเดือน อยากให้มีหาดช่วงที่ไม่มีร่มเลยสักช่วง และมีถังขยะแยกประเภท",
        None,
    ),
    (
        "weekdays",
        "kanya",
        "วันธรรมดาคนน้อย ควรให้ผู้ค้าตั้งร่มเฉพาะวันหยุด แล้วให้หาดได้พักในวันธรรมดา",
        None,
    ),
    (
        "income-reply",
        "wanida",
        "เห็นด้วยค่ะ ควรให้ผู้ค้าเดิมได้สิทธิ์ก่อนเมื่อจัดโซน",
        "income",
    ),
]
BEACH_REACTIONS = {
    "zones": {"like": ["somchai", "wanida", "anan", "pimchanok"], "dislike": ["malee"]},
    "income": {"like": ["wanida", "kanya", "niran"], "dislike": ["anan", "pimchanok"]},
    "visitors": {"like": ["pimchanok", "kanya"], "dislike": ["niran"]},
    "weekdays": {"like": ["somchai"], "dislike": ["prasert", "wanida", "malee"]},
}

# Ten proposals on the call, each with its path through the states (R11):
# (author, title, summary, description, category, area code, what happens to it).
# "supports": who supports it while it is open to supports; "answer" and "agency_answer"
# are what the municipality and the agency answered.
STAFF_ROLE = "กองยุทธศาสตร์และงบประมาณ เทศบาลเมืองแสนสุข"
DISTRICT_OFFICE = ("ที่ว่าการอำเภอเมืองชลบุรี", "Mueang Chonburi District Office")
PROPOSALS = [
    {
        "author": "somchai",
        "title": "ไฟส่องสว่างในซอยรอบตลาดหนองมน",
        "summary": "ซอยรอบตลาดหนองมนมืดมากตอนกลางคืน ขอไฟส่องสว่างให้ผู้ค้าที่กลับบ้านดึก",
        "description": "ผู้ค้าในตลาดหนองมนหลายคนเลิกงานหลังสามทุ่ม ซอยรอบตลาดไม่มีไฟเลย "
        "ขอให้เทศบาลติดไฟส่องสว่างพลังงานแสงอาทิตย์ในซอยรอบตลาดอย่างน้อยสิบจุด",
        "category": "safety",
        "area": "01",
        "supports": ["malee", "prasert", "wanida", "niran", "kanya", "anan"],
        "featured": 0,
    },
    {
        "author": "wanida",
        "title": "ลานกีฬาสำหรับเยาวชนชุมชนวอนนภา",
        "summary": "เยาวชนไม่มีที่เล่นกีฬาหลังเลิกเรียน ขอปรับลานว่างข้างศาลาชุมชนเป็นลานกีฬา",
        "description": "ลานว่างข้างศาลาชุมชนวอนนภาไม่ได้ใช้ประโยชน์ ขอให้เทศบาลปรับพื้น "
        "ติดแป้นบาสเกตบอลและไฟส่องสว่าง เพื่อให้เยาวชนมีที่เล่นกีฬาที่ปลอดภัย",
        "category": "community",
        "area": "03",
        "supports": ["somchai", "prasert"],
    },
    {
        "author": "prasert",
        "title": "ทางเท้าเรียบสำหรับรถเข็นบนถนนบางแสนสาย 1",
        "summary": "ทางเท้าแตกและสูงต่ำ ผู้สูงอายุและรถเข็นใช้ไม่ได้",
        "description": "ขอให้ซ่อมทางเท้าบนถนนบางแสนสาย 1 ให้เรียบ และทำทางลาดที่ทางข้ามทุกแห่ง",
        "category": "roads",
        "area": "02",
        "supports": ["somchai", "wanida", "kanya"],
        "moves": [("under_review", "", False)],
    },
    {
        "author": "kanya",
        "title": "จุดคัดแยกขยะริมหาดบางแสน",
        "summary": "ขยะริมหาดปนกันหมด ขอถังแยกขยะและป้ายบอกทุก 200 เมตร",
        "description": "ขอให้เทศบาลตั้งจุดคัดแยกขยะ (ขยะทั่วไป ขยะรีไซเคิล ขยะอินทรีย์) "
        "ตลอดแนวชายหาดบางแสน พร้อมป้ายสองภาษาสำหรับนักท่องเที่ยว",
        "category": "environment",
        "area": "02",
        "supports": ["somchai", "anan", "pimchanok"],
        "moves": [
            (
                "accepted",
                "เทศบาลรับข้อเสนอนี้ และจะตั้งจุดคัดแยกขยะ 20 จุด ในงบประมาณปี 2571",
                True,
            )
        ],
        "featured": 1,
    },
    {
        "author": "anan",
        "title": "สร้างห้างสรรพสินค้าขนาดใหญ่ริมชายหาด",
        "summary": "อยากให้มีห้างใหญ่ติดชายหาดเพื่อดึงนักท่องเที่ยว",
        "description": "ขอให้เทศบาลให้เอกชนเช่าที่ดินริมหาดสร้างห้างสรรพสินค้าขนาดใหญ่",
        "category": "environment",
        "area": None,
        "supports": ["pimchanok"],
        "moves": [
            (
                "rejected",
                "ที่ดินริมชายหาดเป็นที่สาธารณะ และผังเมืองรวมไม่อนุญาตให้สร้างอาคารขนาดใหญ่ "
                "ในระยะนี้ เทศบาลจึงไม่สามารถดำเนินการตามข้อเสนอได้",
                True,
            )
        ],
    },
    {
        "author": "niran",
        "title": "สัญญาณไฟจราจรที่ทางแยกถนนสุขุมวิทหน้าชุมชนมาบมะยม",
        "summary": "ทางแยกหน้าชุมชนไม่มีสัญญาณไฟ เกิดอุบัติเหตุบ่อย",
        "description": "ขอสัญญาณไฟจราจรและทางม้าลายที่ทางแยกถนนสุขุมวิทหน้าชุมชนมาบมะยม ซึ่งนักเรียนข้ามถนนทุกเช้า",
        "category": "roads",
        "area": "05",
        "supports": ["somchai", "malee", "kanya"],
        "moves": [
            (
                "forwarded",
                "ถนนสุขุมวิทเป็นทางหลวงแผ่นดิน อยู่นอกอำนาจหน้าที่ของเทศบาล "
                "เทศบาลได้ส่งข้อเสนอเข้าแผนพัฒนาพื้นที่ระดับอำเภอแล้ว",
                True,
            )
        ],
        "agency_answer": "อำเภอเมืองชลบุรีได้บรรจุข้อเสนอนี้ในแผนพัฒนาอำเภอ "
        "และประสานแขวงทางหลวงชลบุรีให้สำรวจทางแยกภายในไตรมาสหน้า",
    },
    {
        "author": "malee",
        "title": "ปลูกต้นไม้ให้ร่มเงาริมถนนเข้าตลาดหนองมน",
        "summary": "ถนนเข้าตลาดร้อนมาก ขอปลูกต้นไม้ให้ร่มเงาสองข้างทาง",
        "description": "ขอให้เทศบาลปลูกต้นไม้ใหญ่สองข้างถนนเข้าตลาดหนองมน และดูแลรดน้ำ",
        "category": "environment",
        "area": "01",
        "supports": ["somchai", "wanida"],
        "moves": [
            ("accepted", "เทศบาลรับข้อเสนอนี้ และจะปลูกต้นไม้ 120 ต้น ร่วมกับชุมชน", True),
            ("in_progress", "เริ่มปลูกแล้ว 40 ต้น ในเดือนนี้", True),
        ],
    },
    {
        "author": "prasert",
        "title": "ซ่อมท่อระบายน้ำอุดตันในชุมชนบางแสนสาย 1",
        "summary": "ฝนตกทีไรน้ำท่วมขังหน้าบ้าน เพราะท่อระบายน้ำอุดตัน",
        "description": "ขอให้เทศบาลลอกท่อระบายน้ำในชุมชนบางแสนสาย 1 ก่อนฤดูฝน",
        "category": "roads",
        "area": "02",
        "supports": ["wanida", "niran"],
        "moves": [
            ("accepted", "เทศบาลรับข้อเสนอนี้ และจะลอกท่อก่อนฤดูฝน", True),
            ("done", "ลอกท่อระบายน้ำในชุมชนแล้วเสร็จ ยาว 1.2 กิโลเมตร", True),
        ],
    },
    {
        "author": "pimchanok",
        "title": "ตลาดนัดสินค้าชุมชนทุกวันเสาร์ที่ลานหน้าเทศบาล",
        "summary": "ให้ชุมชนมีที่ขายสินค้าทำมือและอาหารพื้นบ้านทุกวันเสาร์",
        "description": "ขอใช้ลานหน้าสำนักงานเทศบาลจัดตลาดนัดสินค้าชุมชนทุกวันเสาร์ โดยเทศบาลช่วยประชาสัมพันธ์",
        "category": "community",
        "area": None,
        "supports": ["anan", "kanya", "malee"],
    },
    {
        "author": "kanya",
        "title": "กล้องวงจรปิดที่ป้ายรถสองแถวหน้าแหลมแท่น",
        "summary": "ร่างข้อเสนอ: ยังเขียนไม่เสร็จ",
        "description": "ป้ายรถสองแถวหน้าแหลมแท่นเปลี่ยวตอนค่ำ",
        "category": "safety",
        "area": "04",
        "draft": True,
    },
]
