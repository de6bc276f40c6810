"""Publishing a draft's version under parallel requests (PostgreSQL): the page's row is
locked while the next number is taken, so two staff pressing "Publish version 2" at once
store one version 2, and the other is told the text is already published."""

import copy
import threading

import pytest
from django.db import connection

from consultation_blocks.drafts import factories as f
from consultation_blocks.drafts import versions
from consultation_blocks.drafts.models import DraftText, DraftVersion
from pb_pages.factories import make_draft, make_section
from pb_pages.models import DraftRegulationPage

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency needs PostgreSQL: DATABASE_URL=$(bash site/scripts/postgres.sh)")


def _text(fee):
    return [
        f.section(f.paragraph(f"ค่าธรรมเนียมเดือนละ{fee}บาท", key="fee")),
        f.section(f.paragraph("ผู้ใดฝ่าฝืนต้องระวางโทษปรับ", key="penalty")),
    ]


def test_six_parallel_publishes_of_the_same_text_store_one_version(home):
    draft = make_draft(make_section(home, "legislation", slug="drafts"), _text("สี่สิบ"))
    draft.text = copy.deepcopy(_text("สามสิบ"))
    draft.save_revision().publish()

    barrier = threading.Barrier(6)
    published, refused, errors = [], [], []

    def publish(i):
        barrier.wait()
        try:
            page = DraftRegulationPage.objects.get(pk=draft.pk)
            published.append(versions.publish_version(page, None, f"ลดค่าธรรมเนียม ({i})"))
        except versions.VersionRefused as refusal:
            refused.append(str(refusal))
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert [version.number for version in published] == [2]
    assert len(refused) == 5
    assert list(DraftVersion.objects.values_list("number", flat=True).order_by("number")) == [1, 2]
    assert DraftText.objects.filter(version__number=2).count() == 1
