"""Proposals for tests and the demo, in a line each."""

from ..municipalities.standing import standing
from ..timing import now
from .choices import ProposalState
from .models import Proposal, StatusChange


def make_proposal(call, author, title="ซ่อมถนนหน้าโรงเรียน", state=ProposalState.PUBLISHED, **fields):
    """A proposal by `author` on `call`, already in `state` (its history says so), made
    directly: tests of supports or answers need not pass through the call's phases."""
    fields.setdefault("summary", "ถนนหน้าโรงเรียนเป็นหลุมเป็นบ่อ")
    fields.setdefault("description", "ขอให้เทศบาลซ่อมถนนหน้าโรงเรียนก่อนเปิดเทอม")
    at = now()
    proposal = Proposal(
        consultation=call.translation_key,
        widget="call",
        call=call,
        language=call.locale.language_code,
        title=title,
        state=state,
        submitted_at=None if state == ProposalState.DRAFT else at,
        published_at=None if state in (ProposalState.DRAFT, ProposalState.SUBMITTED) else at,
        **fields,
    )
    proposal.take_snapshot(standing(author, call))
    proposal.save()
    if state != ProposalState.DRAFT:
        StatusChange.objects.create(
            proposal=proposal, from_state=ProposalState.DRAFT, to_state=state, at=at
        )
    return proposal
