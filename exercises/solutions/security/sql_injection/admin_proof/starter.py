"""A reference solution: the injected condition asks the database which user is the admin.

The quote closes the email literal, `OR is_admin = 1` selects the admin's row by a column the query never
returns, and `--` comments out the closing quote the template appends."""

PAYLOAD = "' OR is_admin = 1 --"
