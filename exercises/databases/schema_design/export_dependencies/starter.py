"""Exercise: the analysis that would have kept the wrong prices.

Symptom: the team plans to turn the shop's order export (one row per order line, below in the check's
support module as EXPORT) into tables. An analyst wrote down the dependencies, the key and the normal form
below, and the design built on them would store one price per product: every past order would show
today's price. Review the analysis before anyone builds on it.

What the people who run the shop say:
  - An order is placed by one customer, at one moment.
  - Every customer has one email address, and an email address belongs to one customer.
  - A product has one name.
  - Prices change. An order line records the price the customer paid and the quantity; an order lists a
    product at most once.

Diagnose it with the check (`make exercise ID=databases/schema_design/export_dependencies`): it tests each
dependency against the export (data can refute one, never prove it), compares them with the rules above,
and checks the key and the normal form. Then correct the three values. Columns are named as in the export.
"""

DEPENDENCIES = [
    ({"order_id"}, {"customer_id", "placed_at"}),
    ({"product_id"}, {"product_name", "unit_price_cents"}),
    ({"order_id", "product_id"}, {"quantity"}),
]

KEY = {"order_id"}

NORMAL_FORM = "3NF"  # one of "1NF", "2NF", "3NF", "BCNF": the highest the export table satisfies
