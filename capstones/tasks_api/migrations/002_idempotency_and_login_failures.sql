-- A replayable response per (user, Idempotency-Key); the request's hash detects a key reused for another body.
CREATE TABLE idempotency_keys (
    owner_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          text NOT NULL,
    request_hash text NOT NULL,
    status       integer NOT NULL,
    body         text NOT NULL,
    location     text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_id, key)
);

-- Failed logins per username: the rate limit counts them in a sliding window. Kept in the database so the
-- limit holds across restarts and across several instances.
CREATE TABLE login_failures (
    username  text NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX login_failures_username_failed_at ON login_failures (username, failed_at);
