"""A payment provider the grader controls, for the orders capstone's resilience checks.

It is a separate HTTP process, so a service in any language can call it through PAYMENT_URL:

- `POST /charges` is the provider's API (see the OpenAPI document's description);
- `/_grader/...` lets the checks make it slow or failing and read back every attempt it saw.

Run it yourself (`python -m capstones.orders.fake_provider serve --port 9090`) when you grade your own
service, or let `run-with` start one beside the service it launches (what `make capstones` does).
"""
