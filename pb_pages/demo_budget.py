"""Saen Suk's two demo budget rounds, held through the site's services as residents and
staff would, each step at a moment inside its phase:

- fiscal year 2570, finished: residents submitted fifteen projects in the three
  communities; staff reviewed them (three not feasible, two of them outside the
  municipality's powers, so in the area plan export), people supported them, staff
  shortlisted nine; residents, people concerned and people interested from elsewhere
  balloted online, and two residents without an account balloted on paper at the
  community hall; the round was counted by both rules (most votes first decides; the
  Method of Equal Shares is shown beside it and differs in two communities); the
  winners are being built, and the Nong Mon pavement is finished, with its milestones
  and the money spent.
- fiscal year 2571, supporting now: projects submitted and reviewed, one turned from
  an accepted proposal, with the first supports. A visitor can support projects today;
  staff shortlist them and advance the round in the admin.

Which projects win is not written here: the counting says so, and the follow-up is
recorded on the projects the count selected (the winners of the chosen rule).

Called by load_demo_content once the pages, the participants and the proposals exist.
"""

from datetime import timedelta

from consultation_blocks.budgeting.ballots import services as ballots
from consultation_blocks.budgeting.choices import Implementation, MilestoneStatus
from consultation_blocks.budgeting.counting import services as counting
from consultation_blocks.budgeting.implementation import services as follow_up
from consultation_blocks.budgeting.models import Project
from consultation_blocks.budgeting.projects import services as projects
from consultation_blocks.participants.choices import Residence
from consultation_blocks.proposals.models import Proposal
from consultation_blocks.staff.on_site import NewParticipant
from consultation_blocks.timing import now

from . import models as page_models

ROUND_2570 = "participatory-budget-2570"
ROUND_2571 = "participatory-budget-2571"

# The three communities of both rounds: (part key, area code, (Thai, English), money of
# 2570, money of 2571). A person ballots in one community (the group's rule).
COMMUNITIES = [
    ("nong-mon", "01", ("ชุมชนหนองมน", "Nong Mon community"), 500_000, 600_000),
    ("bang-saen-sai-1", "02", ("ชุมชนบางแสนสาย 1", "Bang Saen Sai 1 community"), 400_000, 500_000),
    ("won-napha", "03", ("ชุมชนวอนนภา", "Won Napha community"), 300_000, 400_000),
]
GROUP = ("communities", ("ชุมชนของเทศบาล", "The municipality's communities"))
SUPPORTS_PER_PERSON = 3


def round_parts(year, areas):
    """The round's parts as raw stream data, each community linked to its area (the
    areas exist only once the demo has made them: `areas` maps a code to one)."""
    money_of = {2570: 3, 2571: 4}[year]
    return [
        {
            "type": "group",
            "id": GROUP[0],
            "value": {
                "name": GROUP[1][0],
                "parts_per_person": 1,
                "supports_per_person": SUPPORTS_PER_PERSON,
                "parts": [
                    {
                        "type": "part",
                        "id": row[0],
                        "value": {
                            "name": row[2][0],
                            "area": str(areas[row[1]].pk),
                            "money": row[money_of],
                            "description": "",
                        },
                    }
                    for row in COMMUNITIES
                ],
            },
        }
    ]


def round_total(year):
    money_of = {2570: 3, 2571: 4}[year]
    return sum(row[money_of] for row in COMMUNITIES)


ENGLISH_PART_NAMES = [GROUP[1], *[row[2] for row in COMMUNITIES]]

# More of Saen Suk's people, who balloted in 2570: (key, name, voter group, area code
# or None for those who live elsewhere); load_demo_content makes them with the others.
VOTERS = [
    ("somsak", "สมศักดิ์", "resident", "01"),
    ("boonmee", "บุญมี", "resident", "01"),
    ("chanida", "ชนิดา", "resident", "01"),
    ("thawatchai", "ธวัชชัย", "resident", "01"),
    ("lamai", "ละไม", "resident", "01"),
    ("sompong", "สมปอง", "resident", "02"),
    ("jintana", "จินตนา", "resident", "02"),
    ("wichai", "วิชัย", "resident", "02"),
    ("nittaya", "นิตยา", "resident", "02"),
    ("suchart", "สุชาติ", "resident", "02"),
    ("pranee", "ปราณี", "resident", "03"),
    ("arthit", "อาทิตย์", "resident", "03"),
    ("sunee", "สุนีย์", "resident", "03"),
    ("kittipong", "กิตติพงษ์", "resident", "03"),
    ("rattana", "รัตนา", "concerned", "04"),
    ("chaiwat", "ชัยวัฒน์", "concerned", None),
    ("orawan", "อรวรรณ", "concerned", None),
    ("siriporn", "ศิริพร", "interested", None),
    ("weerapong", "วีระพงษ์", "interested", "05"),
]

# The 2570 round's days, from today: (phase, starts, ends).
PHASES_2570 = [
    ("information", -320, -300),
    ("submitting_projects", -300, -270),
    ("reviewing_projects", -270, -245),
    ("supporting_projects", -245, -230),
    ("publishing_costs", -230, -220),
    ("ballot", -220, -200),
    ("counting", -200, -198),
    ("results", -198, -170),
    ("implementation", -170, None),
]
# 2571: supporting now; balloting in a fortnight.
PHASES_2571 = [
    ("information", -40, -30),
    ("submitting_projects", -30, -15),
    ("reviewing_projects", -15, -3),
    ("supporting_projects", -3, 12),
    ("publishing_costs", 12, 16),
    ("ballot", 16, 35),
    ("counting", 35, 37),
    ("results", 37, 90),
    ("implementation", 90, None),
]

# What staff found when they reviewed a project: a cost, or why not (and whether it is
# within the municipality's powers at all).
FEASIBLE = "feasible"
UNFEASIBLE = "unfeasible"

# The 2570 projects: key, author, part, title, description, location, estimated cost,
# review (FEASIBLE with the cost staff found, or UNFEASIBLE with the public reason and
# whether it is within the powers), who supported it, on the ballot or not.
PROJECTS_2570 = [
    {
        "key": "pavement",
        "author": "somchai",
        "part": "nong-mon",
        "title": "ปรับปรุงทางเท้าหน้าตลาดหนองมน",
        "description": "ทางเท้าหน้าตลาดหนองมนแตกและยุบหลายช่วง ผู้สูงอายุและรถเข็นเด็ก "
        "ต้องลงไปเดินบนถนน ขอให้ปูทางเท้าใหม่พร้อมทางลาดสำหรับรถเข็น ยาว 180 เมตร",
        "location": "ถนนหน้าตลาดหนองมน ฝั่งทิศเหนือ",
        "estimated_cost": 300_000,
        "review": (FEASIBLE, 280_000),
        "supports": ["boonmee", "chanida", "lamai", "malee"],
        "shortlisted": True,
    },
    {
        "key": "handwash",
        "author": "lamai",
        "part": "nong-mon",
        "title": "จุดล้างมือและห้องน้ำสาธารณะในตลาดหนองมน",
        "description": "ตลาดมีห้องน้ำเพียงแห่งเดียวและอยู่ไกล ขอจุดล้างมือสามจุด "
        "และห้องน้ำสาธารณะที่คนพิการใช้ได้หนึ่งหลังใกล้ลานจอดรถ",
        "location": "ลานจอดรถตลาดหนองมน",
        "estimated_cost": 150_000,
        "review": (FEASIBLE, 150_000),
        "supports": ["somchai", "thawatchai", "ratree"],
        "shortlisted": True,
    },
    {
        "key": "cctv",
        "author": "somsak",
        "part": "nong-mon",
        "title": "กล้องวงจรปิดที่ทางแยกในชุมชนหนองมน",
        "description": "ทางแยกในชุมชนมีรถจักรยานยนต์ชนกันบ่อยตอนค่ำ "
        "ขอกล้องวงจรปิดหกตัวที่ทางแยกหลัก ต่อเข้าศูนย์ควบคุมของเทศบาล",
        "location": "ทางแยกซอยหนองมน 3, 5 และ 8",
        "estimated_cost": 200_000,
        "review": (FEASIBLE, 220_000),
        "supports": ["thawatchai", "anan"],
        "shortlisted": True,
    },
    {
        "key": "drain",
        "author": "chanida",
        "part": "nong-mon",
        "title": "รางระบายน้ำซอยหนองมน 12",
        "description": "ซอยหนองมน 12 ไม่มีรางระบายน้ำ ฝนตกหนักน้ำขังหน้าบ้านหลายวัน",
        "location": "ซอยหนองมน 12",
        "estimated_cost": 180_000,
        "review": (FEASIBLE, 190_000),
        "supports": ["chanida"],
        "shortlisted": False,
    },
    {
        "key": "overpass",
        "author": "anan",
        "part": "nong-mon",
        "title": "สะพานลอยข้ามถนนสุขุมวิทหน้าตลาดหนองมน",
        "description": "คนข้ามถนนสุขุมวิทหน้าตลาดเสี่ยงมาก ขอสะพานลอยคนเดินข้าม",
        "location": "ถนนสุขุมวิท หน้าตลาดหนองมน",
        "estimated_cost": 450_000,
        "review": (
            UNFEASIBLE,
            "ถนนสุขุมวิทเป็นทางหลวงแผ่นดินของกรมทางหลวง เทศบาลจึงสร้างสะพานลอยเองไม่ได้ "
            "เทศบาลส่งคำขอนี้เข้าแผนพัฒนาพื้นที่ระดับอำเภอแล้ว",
            False,
        ),
        "supports": [],
        "shortlisted": False,
    },
    {
        "key": "exercise",
        "author": "prasert",
        "part": "bang-saen-sai-1",
        "title": "ลานออกกำลังกายสำหรับผู้สูงอายุริมถนนบางแสนสาย 1",
        "description": "ผู้สูงอายุในชุมชนออกกำลังกายริมถนนทุกเช้า ขอลานพร้อมเครื่องออกกำลังกาย "
        "แปดชิ้นและหลังคาบังแดดในที่ว่างของเทศบาล",
        "location": "ที่ว่างข้างศาลาชุมชนบางแสนสาย 1",
        "estimated_cost": 220_000,
        "review": (FEASIBLE, 200_000),
        "supports": ["sompong", "jintana", "wichai", "nittaya"],
        "shortlisted": True,
    },
    {
        "key": "bins",
        "author": "supaporn",
        "part": "bang-saen-sai-1",
        "title": "ถังขยะแยกประเภทริมถนนบางแสนสาย 1",
        "description": "ขอถังขยะแยกประเภทสามสี ยี่สิบจุด ตลอดถนนบางแสนสาย 1 พร้อมป้ายสองภาษาสำหรับนักท่องเที่ยว",
        "location": "ถนนบางแสนสาย 1 ตลอดสาย",
        "estimated_cost": 90_000,
        "review": (FEASIBLE, 90_000),
        "supports": ["pimchanok", "kanya"],
        "shortlisted": True,
    },
    {
        "key": "shelter",
        "author": "jintana",
        "part": "bang-saen-sai-1",
        "title": "ศาลาที่พักผู้ปกครองหน้าโรงเรียนบางแสนสาย 1",
        "description": "ผู้ปกครองยืนรอรับลูกกลางแดดและฝน ขอศาลาที่พักพร้อมม้านั่งหน้าโรงเรียน",
        "location": "หน้าโรงเรียนในชุมชนบางแสนสาย 1",
        "estimated_cost": 150_000,
        "review": (FEASIBLE, 160_000),
        "supports": ["wichai", "suchart", "prasert"],
        "shortlisted": True,
    },
    {
        "key": "crossing",
        "author": "nittaya",
        "part": "bang-saen-sai-1",
        "title": "ทาสีทางม้าลายและติดไฟกะพริบหน้าวัด",
        "description": "ทางม้าลายหน้าวัดสีจางจนมองไม่เห็น ขอทาสีใหม่และติดไฟกะพริบเตือน",
        "location": "หน้าวัดในชุมชนบางแสนสาย 1",
        "estimated_cost": 60_000,
        "review": (FEASIBLE, 60_000),
        "supports": [],
        "shortlisted": False,
    },
    {
        "key": "tram",
        "author": "pimchanok",
        "part": "bang-saen-sai-1",
        "title": "รถรางไฟฟ้าชมเมืองบางแสน",
        "description": "ขอรถรางไฟฟ้าวิ่งรอบบางแสนให้นักท่องเที่ยวและผู้สูงอายุใช้ฟรี",
        "location": "รอบชายหาดบางแสน",
        "estimated_cost": 3_000_000,
        "review": (
            UNFEASIBLE,
            "ค่ารถรางและค่าดูแลรักษาสูงกว่างบประมาณของชุมชนในรอบนี้หลายเท่า "
            "เทศบาลจะศึกษาเรื่องรถโดยสารในแผนพัฒนาท้องถิ่นต่อไป",
            True,
        ),
        "supports": [],
        "shortlisted": False,
    },
    {
        "key": "sports",
        "author": "wanida",
        "part": "won-napha",
        "title": "ลานกีฬาอเนกประสงค์สำหรับเยาวชนชุมชนวอนนภา",
        "description": "เยาวชนไม่มีที่เล่นกีฬาหลังเลิกเรียน ขอปรับลานว่างข้างศาลาชุมชน "
        "เป็นลานกีฬาอเนกประสงค์พร้อมไฟส่องสว่าง",
        "location": "ลานว่างข้างศาลาชุมชนวอนนภา",
        "estimated_cost": 250_000,
        "review": (FEASIBLE, 250_000),
        "supports": ["pranee", "sunee", "siriporn"],
        "shortlisted": True,
    },
    {
        "key": "library",
        "author": "arthit",
        "part": "won-napha",
        "title": "มุมหนังสือและห้องสมุดเล็กในศาลาชุมชนวอนนภา",
        "description": "ขอชั้นหนังสือ โต๊ะอ่านหนังสือ และหนังสือสำหรับเด็กและผู้สูงอายุ "
        "ห้าร้อยเล่ม ในห้องว่างของศาลาชุมชน",
        "location": "ศาลาชุมชนวอนนภา",
        "estimated_cost": 80_000,
        "review": (FEASIBLE, 75_000),
        "supports": ["kittipong", "orawan"],
        "shortlisted": True,
    },
    {
        "key": "garden",
        "author": "kittipong",
        "part": "won-napha",
        "title": "สวนผักปลอดสารของชุมชนวอนนภา",
        "description": "ขอแปลงผัก ระบบน้ำหยด และอุปกรณ์ ให้ชาวชุมชนปลูกผักกินเองและแบ่งขาย",
        "location": "ที่ดินว่างหลังศาลาชุมชนวอนนภา",
        "estimated_cost": 40_000,
        "review": (FEASIBLE, 40_000),
        "supports": ["arthit", "rattana", "decha"],
        "shortlisted": True,
    },
    {
        "key": "hall",
        "author": "pranee",
        "part": "won-napha",
        "title": "ซ่อมหลังคาศาลาชุมชนวอนนภา",
        "description": "หลังคาศาลาชุมชนรั่วหลายจุด ประชุมชุมชนช่วงฝนตกไม่ได้",
        "location": "ศาลาชุมชนวอนนภา",
        "estimated_cost": 120_000,
        "review": (FEASIBLE, 120_000),
        "supports": ["pranee"],
        "shortlisted": False,
    },
    {
        "key": "canal",
        "author": "sunee",
        "part": "won-napha",
        "title": "ขุดลอกคลองชลประทานท้ายชุมชนวอนนภา",
        "description": "คลองท้ายชุมชนตื้นเขิน น้ำไหลไม่สะดวก ขอให้ขุดลอกตลอดแนว",
        "location": "คลองท้ายชุมชนวอนนภา",
        "estimated_cost": 200_000,
        "review": (
            UNFEASIBLE,
            "คลองนี้อยู่ในความดูแลของกรมชลประทาน เทศบาลได้ส่งคำขอเข้าแผนพัฒนาพื้นที่ "
            "และแจ้งโครงการชลประทานชลบุรีแล้ว",
            False,
        ),
        "supports": [],
        "shortlisted": False,
    },
]

# How they balloted in 2570, by community: (who, the projects on their ballot).
BALLOTS_2570 = {
    "nong-mon": [
        ("somchai", ["pavement", "handwash"]),
        ("somsak", ["pavement", "cctv"]),
        ("boonmee", ["pavement", "handwash"]),
        ("chanida", ["pavement"]),
        ("thawatchai", ["cctv", "handwash"]),
        ("lamai", ["pavement", "handwash"]),
        ("malee", ["handwash", "cctv"]),
        ("ratree", ["handwash"]),
        ("anan", ["cctv"]),
    ],
    "bang-saen-sai-1": [
        ("prasert", ["exercise", "shelter"]),
        ("sompong", ["exercise", "shelter"]),
        ("jintana", ["exercise", "shelter"]),
        ("wichai", ["exercise", "shelter"]),
        ("nittaya", ["exercise", "shelter"]),
        ("suchart", ["exercise"]),
        ("supaporn", ["bins"]),
        ("pimchanok", ["bins"]),
        ("kanya", ["bins"]),
    ],
    "won-napha": [
        ("wanida", ["sports"]),
        ("pranee", ["sports"]),
        ("sunee", ["sports"]),
        ("chaiwat", ["sports"]),
        ("siriporn", ["sports"]),
        ("arthit", ["library", "garden"]),
        ("kittipong", ["library", "garden"]),
        ("orawan", ["library", "garden"]),
        ("niran", ["library"]),
        ("rattana", ["garden"]),
        ("decha", ["garden"]),
        ("weerapong", ["garden"]),
    ],
}

# Two residents without an account balloted on paper at their community hall; staff
# entered the ballots the same day.
PAPER_PLACES = {
    "nong-mon": "ศาลาชุมชนหนองมน",
    "bang-saen-sai-1": "ศาลาชุมชนบางแสนสาย 1",
}
PAPER_BALLOTS_2570 = [
    (NewParticipant("resident", Residence.INSIDE, "ป้าสมจิต"), "nong-mon", ["pavement", "handwash"]),
    (
        NewParticipant("resident", Residence.INSIDE, "ลุงเฉลิม"),
        "bang-saen-sai-1",
        ["exercise", "shelter"],
    ),
]

# The follow-up of the finished project (the count's first winner in Nong Mon): days
# from today, what happened, its status; the money spent: days, baht, what for.
FINISHED_MILESTONES = [
    (-165, "เทศบาลลงนามสัญญาจ้างผู้รับเหมาปูทางเท้า", MilestoneStatus.DONE),
    (-130, "เริ่มรื้อทางเท้าเดิมและปรับระดับพื้นช่วงแรก 60 เมตร", MilestoneStatus.DONE),
    (-95, "ปูทางเท้าใหม่ครบ 180 เมตร ทำทางลาดสำหรับรถเข็นสี่จุด", MilestoneStatus.DONE),
    (-80, "ตรวจรับงานร่วมกับคณะกรรมการชุมชนหนองมน และส่งมอบให้ประชาชนใช้งาน", MilestoneStatus.DONE),
]
FINISHED_SPENDING = [
    (-130, 84_000, "เงินงวดแรกร้อยละ 30 เมื่อเริ่มงาน"),
    (-80, 190_500, "เงินงวดสุดท้ายเมื่อตรวจรับงาน"),
]
# The other winners: progress, status and one milestone (days, text, status).
OTHER_FOLLOW_UPS = [
    (45, Implementation.IN_PROGRESS, -60, "ผู้รับเหมาเริ่มงานแล้ว", MilestoneStatus.DONE),
    (10, Implementation.IN_PROGRESS, -20, "เทศบาลลงนามสัญญาจ้างแล้ว", MilestoneStatus.DONE),
    (0, Implementation.NOT_STARTED, 30, "จะประกาศหาผู้รับจ้างเดือนหน้า", MilestoneStatus.PLANNED),
    (0, Implementation.NOT_STARTED, 45, "รอการอนุมัติแบบก่อสร้าง", MilestoneStatus.DELAYED),
    (0, Implementation.NOT_STARTED, 60, "กำหนดเริ่มงานหลังฤดูฝน", MilestoneStatus.PLANNED),
]

# 2571, supporting now: projects submitted and reviewed; who supports them so far.
PROJECTS_2571 = [
    {
        "key": "market-lights",
        "author": "somsak",
        "part": "nong-mon",
        "title": "ไฟส่องสว่างพลังงานแสงอาทิตย์ในซอยหลังตลาดหนองมน",
        "description": "ผู้ค้าเลิกงานหลังสามทุ่ม ซอยหลังตลาดยังมืด ขอเสาไฟพลังงานแสงอาทิตย์ สิบสองต้น",
        "location": "ซอยหลังตลาดหนองมน",
        "estimated_cost": 240_000,
        "review": (FEASIBLE, 260_000),
        "supports": ["boonmee", "lamai", "ratree"],
    },
    {
        "key": "shade-trees",
        "author": "chanida",
        "part": "nong-mon",
        "title": "ปลูกต้นไม้ให้ร่มเงาริมทางเท้าหน้าตลาด",
        "description": "ทางเท้าใหม่หน้าตลาดร้อนมากตอนกลางวัน ขอปลูกต้นไม้ยืนต้นสามสิบต้น พร้อมกระบะต้นไม้",
        "location": "ทางเท้าหน้าตลาดหนองมน",
        "estimated_cost": 90_000,
        "review": (FEASIBLE, 95_000),
        "supports": ["chanida"],
    },
    {
        "key": "elderly-day",
        "author": "jintana",
        "part": "bang-saen-sai-1",
        "title": "ศูนย์ดูแลผู้สูงอายุกลางวันในชุมชนบางแสนสาย 1",
        "description": "ผู้สูงอายุหลายคนอยู่บ้านคนเดียวตอนกลางวัน ขอปรับปรุงศาลาชุมชน "
        "เป็นศูนย์ดูแลกลางวัน พร้อมอุปกรณ์กายภาพบำบัด",
        "location": "ศาลาชุมชนบางแสนสาย 1",
        "estimated_cost": 300_000,
        "review": (FEASIBLE, 320_000),
        "supports": ["prasert", "wichai", "sompong"],
    },
    {
        "key": "pier",
        "author": "anan",
        "part": "bang-saen-sai-1",
        "title": "ท่าเทียบเรือประมงพื้นบ้านแห่งใหม่",
        "description": "ขอท่าเทียบเรือคอนกรีตสำหรับเรือประมงพื้นบ้านริมหาดบางแสน",
        "location": "ชายหาดบางแสน",
        "estimated_cost": 2_500_000,
        "review": (
            UNFEASIBLE,
            "ท่าเทียบเรือในทะเลต้องได้รับอนุญาตจากกรมเจ้าท่า และค่าก่อสร้างสูงกว่างบประมาณ "
            "ของชุมชนมาก เทศบาลส่งคำขอเข้าแผนพัฒนาพื้นที่แล้ว",
            False,
        ),
        "supports": [],
    },
    {
        "key": "youth-music",
        "author": "kittipong",
        "part": "won-napha",
        "title": "ห้องซ้อมดนตรีสำหรับเยาวชนวอนนภา",
        "description": "ขอห้องซ้อมดนตรีเก็บเสียงและเครื่องดนตรีพื้นฐาน ให้เยาวชนมีที่ทำกิจกรรม",
        "location": "ชั้นสองศาลาชุมชนวอนนภา",
        "estimated_cost": 180_000,
        "review": (FEASIBLE, 175_000),
        "supports": ["arthit", "sunee"],
    },
    {
        "key": "flood-pump",
        "author": "pranee",
        "part": "won-napha",
        "title": "เครื่องสูบน้ำประจำชุมชนวอนนภา",
        "description": "ฝนตกหนักน้ำท่วมซอยกลางชุมชนทุกปี ขอเครื่องสูบน้ำเคลื่อนที่สองเครื่อง",
        "location": "ซอยกลางชุมชนวอนนภา",
        "estimated_cost": 120_000,
        "review": None,  # waiting for staff's review
        "supports": ["pranee", "wanida"],
    },
]
# The accepted proposal on the call that staff turned into a 2571 project.
PROPOSAL_TO_PROJECT = ("จุดคัดแยกขยะริมหาดบางแสน", "bang-saen-sai-1", 160_000)


def _round(home, slug):
    return page_models.BudgetRoundPage.objects.descendant_of(home).get(slug=slug)


def _day(at, days, hour=10):
    return (at + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def _during(page, kind, offset=1):
    """A moment `offset` days into the round's phase `kind` (the phases as stored)."""
    start = page.phases.get(kind=kind).starts_at
    return start + timedelta(days=offset, hours=2)


def _submit_and_review(page, rows, citizens, staff):
    """Each project submitted by its author in the submitting phase, reviewed in the
    reviewing phase, supported in the supporting phase (if that has started)."""
    made = {}
    for row in rows:
        fields = {
            name: row[name]
            for name in ("title", "description", "part", "location", "estimated_cost")
        }
        made[row["key"]] = projects.submit_project(
            citizens[row["author"]], page, fields, at=_during(page, "submitting_projects", 1)
        )
    for row in rows:
        review = row["review"]
        if review is None:
            continue
        project = made[row["key"]]
        at = _during(page, "reviewing_projects", 2)
        if review[0] == FEASIBLE:
            projects.review(staff, page, project, feasible=True, cost=review[1], at=at)
        else:
            projects.review(
                staff,
                page,
                project,
                feasible=False,
                reason=review[1],
                within_powers=review[2],
                at=at,
            )
    return made


def _support(page, rows, made, citizens, at):
    for row in rows:
        for supporter in row["supports"]:
            projects.support(citizens[supporter], made[row["key"]], page, at=at)


def hold_round_2570(home, citizens, staff):
    page = _round(home, ROUND_2570)
    made = _submit_and_review(page, PROJECTS_2570, citizens, staff)
    _support(page, PROJECTS_2570, made, citizens, _during(page, "supporting_projects", 2))
    projects.set_shortlist(
        staff,
        page,
        [made[row["key"]].pk for row in PROJECTS_2570 if row["shortlisted"]],
        at=_during(page, "publishing_costs", 1),
    )
    for part, cast in BALLOTS_2570.items():
        for position, (voter, chosen) in enumerate(cast):
            at = _during(page, "ballot", 1 + position % 15)
            for key in chosen:
                ballots.add_line(citizens[voter], page, part, made[key], at=at)
            ballots.submit_ballot(citizens[voter], page, part, at=at)
    for person, part, chosen in PAPER_BALLOTS_2570:
        ballots.enter_paper_ballot(
            staff,
            page,
            person,
            part,
            [made[key].pk for key in chosen],
            PAPER_PLACES[part],
            cast_at=_during(page, "ballot", 5),
        )
    counting.count_round(page, by=staff, at=_during(page, "results", 0))
    _follow_up(page, staff, citizens, made["pavement"])
    return page


def _follow_up(page, staff, citizens, finished):
    """The winners' follow-up: the Nong Mon pavement is finished, with its milestones
    and money; the other winners are under way or planned."""
    at = now()
    winners = list(
        Project.objects.filter(consultation=page.translation_key, selected=True).order_by(
            "part", "-cost", "pk"
        )
    )
    finished.refresh_from_db()
    if not finished.selected:
        raise ValueError("The demo's 2570 ballots no longer elect the Nong Mon pavement.")
    for days, text, status in FINISHED_MILESTONES:
        follow_up.add_milestone(finished, _day(at, days).date(), text, status, by=staff)
    for days, amount, note in FINISHED_SPENDING:
        follow_up.record_spending(finished, amount, _day(at, days).date(), note, by=staff)
    follow_up.set_progress(finished, 100, Implementation.FINISHED)
    follow_up.follow(citizens["somchai"], finished)
    others = [project for project in winners if project.pk != finished.pk]
    for project, (progress, state, days, text, status) in zip(
        others, OTHER_FOLLOW_UPS, strict=False
    ):
        follow_up.add_milestone(project, _day(at, days).date(), text, status, by=staff)
        follow_up.set_progress(project, progress, state)
        if progress:
            follow_up.record_spending(
                project,
                project.cost * progress // 200,
                _day(at, days).date(),
                "เงินงวดแรก",
                by=staff,
            )


def hold_round_2571(home, citizens, staff):
    page = _round(home, ROUND_2571)
    made = _submit_and_review(page, PROJECTS_2571, citizens, staff)
    title, part, cost = PROPOSAL_TO_PROJECT
    proposal = Proposal.objects.get(title=title)
    made["from-proposal"] = projects.project_from_proposal(staff, page, proposal, part, cost)
    projects.review(staff, page, made["from-proposal"], feasible=True, cost=cost)
    # Supports so far (supporting opened three days ago).
    _support(page, PROJECTS_2571, made, citizens, now() - timedelta(hours=20))
    return page


def hold_rounds(home, citizens, staff):
    hold_round_2570(home, citizens, staff)
    hold_round_2571(home, citizens, staff)
