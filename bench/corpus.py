"""A made-up but realistic participation corpus for the benchmarks.

Saen Suk-like municipality: comments, votes, proposals and budget projects on ~200
consultations with ~2,000 widgets, in Thai (most) and English. Everything comes from
one seeded random generator, so two runs with the same seed index the same documents,
and documents are yielded one at a time: a million of them never sit in memory.
"""

import hashlib
import random
from bisect import bisect
from datetime import datetime, timedelta, timezone
from itertools import accumulate

ICT = timezone(timedelta(hours=7))
YEAR_START = datetime(2025, 1, 1, tzinfo=ICT)

THAI_SENTENCES = [
    "ถนนในซอยมืดมากควรติดไฟส่องสว่างเพิ่ม",
    "ไฟส่องสว่างหน้าตลาดหนองมนดับทุกคืนมาหลายสัปดาห์แล้ว",
    "ขอให้เทศบาลเปลี่ยนหลอดไฟถนนเป็นแบบแอลอีดีเพื่อประหยัดค่าไฟ",
    "เด็กนักเรียนเดินกลับบ้านตอนค่ำแล้วไม่ปลอดภัยเพราะไม่มีไฟส่องสว่าง",
    "เสาไฟฟ้าหน้าวัดเอียงมากกลัวจะล้มใส่รถที่ผ่านไปมา",
    "น้ำท่วมขังถนนลงหาดบางแสนทุกครั้งที่ฝนตกหนัก",
    "ท่อระบายน้ำในซอยอุดตันทำให้น้ำท่วมบ้านเรือนประชาชน",
    "อยากให้ขุดลอกคลองก่อนถึงหน้าฝนเพื่อป้องกันน้ำท่วม",
    "หลังฝนตกน้ำระบายช้ามากรถจักรยานยนต์ล้มบ่อย",
    "ควรสร้างบ่อพักน้ำและเพิ่มเครื่องสูบน้ำบริเวณแหลมแท่น",
    "ตลาดหนองมนที่จอดรถไม่พอช่วงวันหยุดรถติดยาว",
    "อยากให้ปรับปรุงห้องน้ำสาธารณะในตลาดหนองมนให้สะอาดกว่านี้",
    "แม่ค้าในตลาดหนองมนขอให้มีหลังคาคลุมทางเดินกันฝน",
    "ควรจัดระเบียบทางเท้าหน้าตลาดเพราะแผงลอยกีดขวางคนเดิน",
    "ขยะจากตลาดหนองมนส่งกลิ่นเหม็นตอนเช้าควรเก็บให้บ่อยขึ้น",
    "ชายหาดบางแสนมีขยะเยอะมากหลังวันหยุดยาว",
    "ขอให้เพิ่มถังขยะแยกประเภทตลอดแนวชายหาดบางแสน",
    "นักท่องเที่ยวทิ้งขวดพลาสติกบนหาดควรมีป้ายเตือนและค่าปรับ",
    "อยากให้มีอาสาสมัครเก็บขยะชายหาดทุกเช้าวันอาทิตย์",
    "น้ำทะเลบางแสนช่วงนี้ขุ่นและมีกลิ่น ควรตรวจคุณภาพน้ำ",
    "ร่มและเก้าอี้ชายหาดวางเต็มพื้นที่จนไม่มีที่ให้คนทั่วไปนั่ง",
    "งบประมาณปีนี้ควรให้ความสำคัญกับถนนและระบบระบายน้ำก่อน",
    "สนับสนุนโครงการสร้างสวนสาธารณะสำหรับผู้สูงอายุในชุมชน",
    "ควรเปิดเผยรายละเอียดงบประมาณโครงการให้ประชาชนตรวจสอบได้",
    "โครงการทาสีทางม้าลายหน้าโรงเรียนใช้งบไม่มากแต่ช่วยเด็กได้มาก",
    "ไม่เห็นด้วยกับการใช้งบจัดงานอีเวนต์ใหญ่ อยากให้ซ่อมถนนก่อน",
    "อยากให้ติดกล้องวงจรปิดตามทางแยกที่เกิดอุบัติเหตุบ่อย",
    "รถเก็บขยะมาไม่ตรงเวลาทำให้ขยะล้นถังหน้าบ้าน",
    "ควรมีรถสองแถวเชื่อมมหาวิทยาลัยบูรพากับตลาดหนองมนจนถึงดึก",
    "สุนัขจรจัดบริเวณเขาสามมุขเยอะมาก ควรทำหมันและฉีดวัคซีน",
    "ทางเท้าริมหาดชำรุดเป็นหลุม ผู้สูงอายุเดินลำบาก",
    "ขอบคุณเทศบาลที่ซ่อมไฟส่องสว่างในซอยให้เร็วมาก",
    "เห็นด้วยกับข้อเสนอนี้ ควรทำให้เสร็จก่อนงานวันไหลบางแสน",
    "อยากให้มีลานกีฬาสำหรับเยาวชนใกล้ชุมชนแสนสุข",
    "ร้านอาหารริมหาดปล่อยน้ำเสียลงทะเล ขอให้เทศบาลตรวจสอบ",
    "ควรจัดประชาพิจารณ์ก่อนอนุมัติโครงการก่อสร้างขนาดใหญ่",
]

ENGLISH_SENTENCES = [
    "The street lights on the road to Bang Saen beach have been out for weeks.",
    "Please install brighter LED street lighting near the Nong Mon market car park.",
    "Our lane flooded again after last night's heavy rain.",
    "The drains near Laem Taen are blocked and the water floods the houses.",
    "Dredge the canals before the rainy season to prevent flooding.",
    "Nong Mon market needs more parking and cleaner public toilets.",
    "Bang Saen beach is covered in plastic bottles after every long weekend.",
    "More recycling bins along the beach would keep it clean.",
    "The budget should fund road repairs and drainage before festivals.",
    "I support the proposal for a small park for elderly residents.",
    "Publish the project budgets so residents can check the spending.",
    "Garbage collection trucks come late and the bins overflow.",
    "Add CCTV cameras at the junctions where accidents keep happening.",
    "A shuttle between Burapha University and Nong Mon market in the evening would help.",
    "Thank you for cleaning the beach so quickly after the storm.",
]

PROPOSAL_TITLES = {
    "th": [
        "ติดไฟส่องสว่างซอยแสนสุข {n}",
        "ขุดลอกคลองป้องกันน้ำท่วมชุมชน {n}",
        "ปรับปรุงที่จอดรถตลาดหนองมน โซน {n}",
        "ถังขยะแยกประเภทริมชายหาดบางแสน จุดที่ {n}",
        "สวนสาธารณะสำหรับผู้สูงอายุ ชุมชนที่ {n}",
        "กล้องวงจรปิดทางแยก {n}",
    ],
    "en": [
        "Street lighting for Saen Suk lane {n}",
        "Flood prevention for community {n}",
        "Nong Mon market parking, zone {n}",
        "Recycling bins on Bang Saen beach, spot {n}",
        "A park for elderly residents, community {n}",
        "CCTV at junction {n}",
    ],
}

# Searches people type, for the query mix.
THAI_QUERIES = ["ไฟส่องสว่าง", "น้ำท่วม", "ตลาดหนองมน", "ขยะ", "งบประมาณ", "ชายหาดบางแสน"]
ENGLISH_QUERIES = ["flooding", "lights", "cleaning", "budgets", "parks", "markets"]

PROCESS_TYPES = ["debate", "proposals", "vote", "draft_regulation", "budget_round"]
WIDGET_KINDS = (("comment", 45), ("vote", 35), ("proposal", 12), ("project", 8))
DOC_TYPES = (("comment", 50), ("vote", 38), ("proposal", 8), ("project", 4))
VOTE_OPTIONS = [["yes", "no", "abstain"], ["agree", "disagree"], [f"option-{i}" for i in range(6)]]
VOTER_GROUPS = (("resident", "inside"), ("interested", "outside"), ("concerned", None))
VERIFICATION_LEVELS = (("none", 30), ("email", 35), ("phone", 25), ("thai_id", 10))
MODERATION = (("published", 90), ("pending", 7), ("rejected", 3))
PROPOSAL_STATUS = ["submitted", "accepted", "rejected"]
PROJECT_STATUS = ["planned", "in_progress", "completed"]


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _key(rng):
    """A uuid-looking key drawn from the seeded generator (not uuid4: reproducible)."""
    return f"{rng.getrandbits(128):032x}"


def _iso(moment):
    return moment.isoformat(timespec="seconds")


class Corpus:
    """The consultations and widgets, and the documents people leave on them."""

    def __init__(self, seed=2025, consultations=200, widgets=2000, participants=50_000):
        self.seed = seed
        rng = random.Random(seed)
        self.participants = participants
        self.consultations = []
        for number in range(consultations):
            opens_at = YEAR_START + timedelta(days=rng.randrange(0, 330), hours=rng.randrange(24))
            self.consultations.append(
                {
                    "key": _key(rng),
                    "page_id": 1000 + number,
                    "process_type": rng.choice(PROCESS_TYPES),
                    "opens_at": opens_at,
                    "closes_at": opens_at + timedelta(days=rng.randrange(14, 61)),
                    "slug": f"consultation-{number}",
                }
            )
        self.widgets = []
        for _ in range(widgets):
            kind = _weighted(rng, WIDGET_KINDS)
            widget = {
                "id": _key(rng),
                "kind": kind,
                "consultation": rng.choice(self.consultations),
                # A few widgets draw most of the participation (a pareto tail).
                "weight": rng.paretovariate(1.5),
            }
            if kind == "comment":
                widget["anchors"] = [f"paragraph-{i}" for i in range(1, rng.randrange(4, 16))]
            if kind == "vote":
                widget["options"] = rng.choice(VOTE_OPTIONS)
            self.widgets.append(widget)
        self.by_kind = {}
        for widget in self.widgets:
            self.by_kind.setdefault(widget["kind"], []).append(widget)
        self._cumulative = {
            kind: list(accumulate(widget["weight"] for widget in widgets))
            for kind, widgets in self.by_kind.items()
        }

    def _widget(self, rng, kind):
        cumulative = self._cumulative[kind]
        index = bisect(cumulative, rng.random() * cumulative[-1])
        return self.by_kind[kind][min(index, len(cumulative) - 1)]

    def documents(self, count):
        """Yield (_id, document) pairs, always the same ones for the same seed and count."""
        rng = random.Random(f"{self.seed}-documents")
        for number in range(count):
            doc_type = _weighted(rng, DOC_TYPES)
            widget = self._widget(rng, doc_type)
            consultation = widget["consultation"]
            locale = "th" if rng.random() < 0.85 else "en"
            voter_group, area = rng.choice(VOTER_GROUPS)
            participant = hashlib.blake2b(
                b"participant-%d" % rng.randrange(self.participants), digest_size=8
            ).hexdigest()
            window = consultation["closes_at"] - consultation["opens_at"]
            created_at = consultation["opens_at"] + window * rng.random()
            document = {
                "doc_type": doc_type,
                "object_id": str(number),
                "page_id": consultation["page_id"],
                "consultation": consultation["key"],
                "widget": widget["id"],
                "process_type": consultation["process_type"],
                "voter_group": voter_group,
                "area": area or rng.choice(("inside", "outside")),
                "verification_level": _weighted(rng, VERIFICATION_LEVELS),
                "locale": locale,
                "participant": participant,
                "url": f"/{locale}/{consultation['slug']}/#{doc_type}-{number}",
                "created_at": _iso(created_at),
                "updated_at": _iso(created_at + timedelta(minutes=rng.randrange(0, 90))),
            }
            sentences = THAI_SENTENCES if locale == "th" else ENGLISH_SENTENCES
            if doc_type == "vote":
                document["option"] = rng.choice(widget["options"])
                document["moderation_state"] = "published"
            else:
                document["moderation_state"] = _weighted(rng, MODERATION)
                document["text"] = " ".join(rng.sample(sentences, rng.randrange(1, 4)))
            if doc_type == "comment":
                document["anchor"] = rng.choice(widget["anchors"])
            if doc_type in ("proposal", "project"):
                title = rng.choice(PROPOSAL_TITLES[locale])
                document["title"] = title.format(n=rng.randrange(1, 40))
                document["status"] = rng.choice(
                    PROPOSAL_STATUS if doc_type == "proposal" else PROJECT_STATUS
                )
                document["opens_at"] = _iso(consultation["opens_at"])
                document["closes_at"] = _iso(consultation["closes_at"])
            yield f"{doc_type}-{number}", document
