"""Reference solution.

The price is not a fact about the product: the export itself refutes product_id -> unit_price_cents (the
keyboard cost 49.00 in February and 54.00 in March). It depends on the order line, (order_id, product_id).
The analysis also missed the customer's email, which depends on customer_id, and the reverse rule (an email
belongs to one customer).

order_id alone is not a key: its closure is the order's columns and the customer's, not the products. The
only candidate key is (order_id, product_id). Non-key columns depend on each half of it (the order's
columns on order_id, the product's name on product_id), so the table is not in 2NF: it is in 1NF.
"""

DEPENDENCIES = [
    ({"order_id"}, {"customer_id", "placed_at"}),
    ({"customer_id"}, {"customer_email"}),
    ({"customer_email"}, {"customer_id"}),
    ({"product_id"}, {"product_name"}),
    ({"order_id", "product_id"}, {"unit_price_cents", "quantity"}),
]

KEY = {"order_id", "product_id"}

NORMAL_FORM = "1NF"
