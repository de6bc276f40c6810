"""Participatory budgeting (R1.5, R2, R7): a round's parts and money, its projects, the
supports that shortlist them, the ballots that choose among them, the counts that pick
the winners, and the follow-up of what is built. The page type is pb_pages'
BudgetRoundPage; the rules, services and views live here (decision 033)."""
