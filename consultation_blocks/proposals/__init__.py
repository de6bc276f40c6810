"""Citizen proposals: what residents propose on a call for proposals (a
ProposalIndexPage), their supports, their public status history, forwarding to the
area plan (R8) and editors' featured proposals. Decision: docs/decisions/026-proposals.md.
"""
