"""This week's update on the checkout rewrite, as drafted on Friday afternoon.

What happened this week (from the team's notes and dashboards):
    - Card payments through the new provider went from 5% to 25% of traffic on Wednesday.
    - The refund-webhook spike finished: partial refunds need a second webhook handler, which moves
      refunds from week 8 to week 9 unless partial refunds wait for a later release. Dana (product)
      decides which, and the team needs to know by Tuesday to plan week 8.
    - The saved-cart migration dry run found 3% of carts with prices missing; the fix is scheduled.
    - Dashboards: error rate on the new path 0.25% (old path 0.3%); p95 latency 250 ms.
    - The customer e-mail for the migration window still waits for Lee's sign-off.
"""

UPDATE = """\
Checkout rewrite update
Things are going well overall and the team is making great progress!
Shipped: more of the new provider rollout.
Next: refunds, probably a bit later than planned because of the webhook stuff, and the DR on carts.
Numbers: error rate is fine and latency looks healthy.
Need from you: please review the e-mail when you can.
"""
