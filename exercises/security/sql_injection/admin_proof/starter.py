"""Exercise: a proof of concept that the owner of `find_user` cannot wave away.

Symptom: a pentest ticket says `examples/security/sql_injection/vulnerable.py`'s `find_user` is injectable. The
proof attached to it is the always-true payload below, which returns every user's email. The service owner
closed the ticket: "so it lists emails; the admin flag never leaves that function."

Diagnose it with the check (`make exercise ID=security/sql_injection/admin_proof`): it runs PAYLOAD against the
vulnerable lookup on shops whose admin you do not know in advance.

Fix: change PAYLOAD so the vulnerable lookup returns the admin's row and nothing else, on any shop, without
knowing the admin's email or id. The same text must find nothing through the fixed, parameterized lookup.
"""

PAYLOAD = "' OR '1'='1"
