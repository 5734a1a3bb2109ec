"""A reference update for week 7: the fixed sections, the slip as a risk with its decision and date, the
dashboard's numbers, and a named ask; the migration finding is reported with its fix already planned."""

UPDATE = """\
Checkout rewrite, week 7 of about 9
Shipped: card payments through the new provider now take 25% of traffic (5% last week).
Next: fix the 3% of saved carts with missing prices found in the dry run; invoice payments.
At risk: partial refunds need a second webhook handler, so refunds move from week 8 to week 9,
  unless partial refunds wait for a later release. Decision needed from Dana by Tuesday.
Numbers: error rate on the new path 0.25% (old path 0.3%); p95 latency 250 ms.
Need from you: sign-off on the customer e-mail for the migration window (Lee).
"""
