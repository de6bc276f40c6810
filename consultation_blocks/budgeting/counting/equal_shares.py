"""Counting by the Method of Equal Shares, on plain data (approval ballots, "cost
utilities" as in Pabulib and on equalshares.net: a voter values a project they chose at
its cost).

The part's money is shared equally among its voters. Each step takes the project whose
supporters can pay its cost with the smallest ρ: each supporter pays ρ × its cost, or
all they have left if that is less. ρ is the price of one baht of the project to its
supporters; a project its supporters can no longer pay for is out. Exact fractions, so
a recount gives the same result and pabutools (library.py) agrees.

Completion, as equalshares.net recommends ("add1"): while the result leaves money that
a further project could use, count again with every voter's share raised by STEP baht,
as long as the result still fits the part's money; then fill what is left by votes
(greedy.fill). Ties: the smaller ρ, then greedy.tie_order (more votes, cheaper, lower
id).

Voters who chose the same projects are counted together (their shares stay equal all
along), so a part's count grows with its different ballots, not its voters.
"""

import math
from collections import Counter
from fractions import Fraction

from .greedy import AFFORDED, NO_VOTES, UNAFFORDABLE, Outcome, Verdict, fill, tie_order


def step_for(money, voters):
    """The raise of each voter's share per completion round: 1 baht, or more where 1
    baht each would add less than 1% of the part's money (pabutools' default step of
    budget increase), so that a part of few voters and much money is counted in at
    most about a hundred rounds per doubling."""
    if voters <= 0:
        return 1
    return max(1, math.ceil(money / (100 * voters)))


def group_ballots(ballots, known):
    """Counter {frozenset of project ids: number of ballots} from an iterable of
    approval sets, keeping only the ids in `known`; empty ballots still count as
    voters (they hold a share of the money)."""
    groups = Counter()
    for chosen in ballots:
        groups[frozenset(chosen) & known] += 1
    return groups


def equal_shares(money, candidates, ballots, step=None, complete=True):
    """The Method of Equal Shares in a part of `money` baht: an Outcome.

    `ballots` is an iterable of approval sets (project ids), or a Counter of them as
    group_ballots returns. `step` is the completion's raise per voter (step_for by
    default); `complete=False` gives the plain method, without completion."""
    candidates = list(candidates)
    by_id = {candidate.id: candidate for candidate in candidates}
    groups = ballots if isinstance(ballots, Counter) else group_ballots(ballots, set(by_id))
    voters = sum(groups.values())
    if voters == 0:
        return Outcome(
            money=money,
            verdicts=[_lost(c, NO_VOTES) for c in sorted(candidates, key=tie_order)],
            left=money,
            notes={"voters": 0},
        )
    step = step or step_for(money, voters)
    run = _Run(money, by_id, groups)
    share = Fraction(money, voters)
    taken, budgets = run.count(share)
    rounds = 0
    if complete:
        while not run.exhaustive(taken) and share <= money:
            raised = share + step
            more, more_budgets = run.count(raised)
            rounds += 1
            if sum(by_id[i].cost for i, _rho in more) > money:
                break
            share, taken, budgets = raised, more, more_budgets
    spent = sum(by_id[i].cost for i, _rho in taken)
    verdicts = [
        Verdict(
            i,
            by_id[i].cost,
            by_id[i].votes,
            True,
            AFFORDED,
            {"rho": _decimal(rho, 6), "pay": _decimal(rho * by_id[i].cost, 2)},
        )
        for i, rho in taken
    ]
    left = money - spent
    chosen = {i for i, _rho in taken}
    if complete:
        filled, left = fill(money, candidates, chosen, left)
        verdicts += filled
        chosen |= {verdict.id for verdict in filled}
    for candidate in sorted(candidates, key=tie_order):
        if candidate.id in chosen:
            continue
        if candidate.votes <= 0:
            verdicts.append(_lost(candidate, NO_VOTES))
        else:
            had = run.supporters_money(candidate.id, budgets)
            verdicts.append(_lost(candidate, UNAFFORDABLE, had=_decimal(had, 2), left=left))
    return Outcome(
        money=money,
        verdicts=verdicts,
        left=left,
        notes={
            "voters": voters,
            "share": _decimal(Fraction(money, voters), 2),
            "final_share": _decimal(share, 2),
            "step": step,
            "rounds": rounds,
        },
    )


class _Run:
    """The method at one share per voter, over the grouped ballots."""

    def __init__(self, money, by_id, groups):
        self.money = money
        self.by_id = by_id
        self.sets = list(groups)
        self.sizes = [groups[chosen] for chosen in self.sets]
        supporters = {i: [] for i in by_id}
        for index, chosen in enumerate(self.sets):
            for i in chosen:
                supporters[i].append(index)
        self.supporters = {i: found for i, found in supporters.items() if found}
        self.voters = {i: sum(self.sizes[g] for g in found) for i, found in self.supporters.items()}

    def count(self, share):
        """[(project id, ρ)] in the order taken, and each group's money left."""
        # Groups whose supported projects were taken alike have the same money left: a
        # class. Each project's supporters are counted per class, {class: voters}, so ρ
        # is asked of a few classes however many ballots there are. Classes are numbers
        # (cheap to hash); money[c] is what each voter of class c has left.
        money = [share]
        of_group = [0] * len(self.sets)
        pools = {i: {0: voters} for i, voters in self.voters.items()}
        # A project's ρ only grows as its supporters spend: the last one computed is a
        # lower bound, so the search stops once it passes the best found (as pabutools).
        bound = {i: Fraction(0) for i in self.supporters}
        remaining = set(self.supporters)
        taken = []
        while remaining:
            best, best_rho = None, None
            for i in sorted(remaining, key=lambda i: (bound[i], tie_order(self.by_id[i]))):
                if best_rho is not None and bound[i] > best_rho:
                    break
                rho = self._rho(i, pools[i], money)
                if rho is None:
                    remaining.discard(i)
                    continue
                bound[i] = rho
                if (
                    best_rho is None
                    or rho < best_rho
                    or (rho == best_rho and tie_order(self.by_id[i]) < tie_order(self.by_id[best]))
                ):
                    best, best_rho = i, rho
            if best is None:
                break
            remaining.discard(best)
            self._pay(best, best_rho * self.by_id[best].cost, money, of_group, pools, remaining)
            taken.append((best, best_rho))
        return taken, [money[c] for c in of_group]

    def _pay(self, best, pay, money, of_group, pools, remaining):
        """Each supporter of `best` pays `pay`, or all they have left if that is less:
        their groups move to the class of what they have left now."""
        moved = {}  # class before -> class after, for this payment
        for g in self.supporters[best]:
            before = of_group[g]
            if not money[before]:
                continue  # had nothing left: in no pool
            after = moved.get(before)
            if after is None:
                after = moved[before] = len(money)
                money.append(money[before] - min(money[before], pay))
            of_group[g] = after
            size = self.sizes[g]
            for j in self.sets[g]:
                if j not in remaining:
                    continue
                pool = pools[j]
                pool[before] -= size
                if not pool[before]:
                    del pool[before]
                if money[after]:  # who has nothing left pays nothing: out of the pool
                    pool[after] = pool.get(after, 0) + size

    def _rho(self, i, pool, money):
        """The smallest ρ at which project i's supporters, {class: voters}, can pay its
        cost, or None."""
        cost = self.by_id[i].cost
        if sum(money[c] * voters for c, voters in pool.items()) < cost:
            return None
        paid = Fraction(0)
        rest = sum(pool.values())
        for c in sorted(pool, key=money.__getitem__):
            # Those still in `rest` pay alike; the poorest of them pay all they have if
            # that alike payment is more than it (all of one class at once: if one of
            # them cannot pay alike, neither can the others).
            alike = (cost - paid) / rest
            if alike <= money[c]:
                return alike / cost
            paid += money[c] * pool[c]
            rest -= pool[c]
        return None

    def exhaustive(self, taken):
        """No project with votes that is not taken would fit the money left."""
        chosen = {i for i, _rho in taken}
        left = self.money - sum(self.by_id[i].cost for i in chosen)
        return not any(self.by_id[i].cost <= left for i in self.supporters if i not in chosen)

    def supporters_money(self, i, budgets):
        return sum((budgets[g] * self.sizes[g] for g in self.supporters.get(i, ())), Fraction(0))


def _lost(candidate, reason, **detail):
    return Verdict(candidate.id, candidate.cost, candidate.votes, False, reason, detail)


def _decimal(value, places):
    return round(float(value), places)
