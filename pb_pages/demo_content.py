"""Demo content for a pilot municipality, drawn from the seeds (Saen Suk, Chonburi).

Every text is a (Thai, English) pair: pages are written in Thai, then translated
to English through wagtail-localize the way a translator would, by filling in
the PO file of each page's translation.
"""

from datetime import timedelta

from wagtail.rich_text import RichText


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

_ordinance_body, _ordinance_en = _texts(
    (
        "ข้อ 1 เทศบัญญัตินี้เรียกว่า เทศบัญญัติเทศบาลเมืองแสนสุข เรื่อง การรักษาความสะอาดบริเวณชายหาดบางแสน",
        "Section 1. This ordinance is called the Saen Suk Town Municipality Ordinance on "
        "keeping Bang Saen beach clean.",
    ),
    (
        "ข้อ 2 ห้ามทิ้งขยะมูลฝอยบนชายหาด ยกเว้นในภาชนะที่เทศบาลจัดไว้",
        "Section 2. No one may leave waste on the beach except in the bins the municipality "
        "provides.",
    ),
    (
        "ข้อ 3 ผู้ประกอบการร้านค้าริมหาดต้องคัดแยกขยะก่อนนำไปทิ้งทุกวัน",
        "Section 3. Beachfront businesses must sort their waste before disposing of it, every day.",
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
    "budget": (
        "support",
        ("สนับสนุนการจัดงบประมาณแบบมีส่วนร่วม", "Support participatory budgeting"),
    ),
}


def _widget(process_type):
    kind, question = WIDGET_QUESTIONS[process_type]
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
    kind, slug, title, summary, body_th, body_en, opens_days, closes_days, phases=None
):
    callout_title, callout_text = HOW_TO_TAKE_PART
    english = {**body_en, callout_title[0]: callout_title[1], callout_text[0]: callout_text[1]}
    process_type = PROCESS_OF_KIND[kind]
    widget, question = _widget(process_type)
    english[question[0]] = question[1]
    english[COMMENTS_QUESTION[0]] = COMMENTS_QUESTION[1]
    extra = []
    if process_type == "vote":
        extra.append(_poll())
        english.update([POLL["question"], *POLL["options"]])
    english[title[0]] = title[1]
    english[summary[0]] = summary[1]
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
            widget,
            *extra,
            ("callout", {"title": callout_title[0], "text": _p(callout_text[0])}),
            _comments_widget(),
        ],
        "english": english,
    }


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
    "legislation": [
        _consultation(
            "DraftRegulationPage",
            "bang-saen-beach-cleanliness",
            (
                "ร่างเทศบัญญัติ เรื่อง การรักษาความสะอาดบริเวณชายหาดบางแสน",
                "Draft ordinance on keeping Bang Saen beach clean",
            ),
            (
                "อ่านร่างเทศบัญญัติและแสดงความคิดเห็นทีละข้อ ก่อนเสนอสภาเทศบาล",
                "Read the draft ordinance and comment section by section before it goes to "
                "the municipal council.",
            ),
            _ordinance_body,
            _ordinance_en,
            -10,
            30,
        ),
    ],
    "budget": [
        _consultation(
            "BudgetRoundPage",
            "participatory-budget-2571",
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
            -5,
            40,
            # A round runs in steps: people support the ideas they want; the municipality
            # checks them; then people vote on the projects within the money.
            phases=[("support", -5, 20), ("review", 20, 30), ("voting", 30, 40)],
        ),
    ],
}

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


# Comments residents left on the demo consultations: (process, author, text).
DEMO_COMMENTS = [
    ("vote", "somchai", "ถนนในซอยมืดมากควรติดไฟส่องสว่างก่อนหน้าฝน"),
    ("vote", "malee", "เห็นด้วยค่ะ ซอยข้างตลาดเปลี่ยวมากตอนกลางคืน"),
    ("legislation", "malee", "ข้อ 4 ควรกำหนดเวลาเก็บขยะให้ชัดเจนกว่านี้"),
    ("debate", "somchai", "ควรให้ร้านค้าเดิมในชุมชนได้ประโยชน์ก่อนนักลงทุนจากข้างนอก"),
]
