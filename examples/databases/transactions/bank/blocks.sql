-- Runnable blocks of the transactions lesson. One browser session is one connection, so these show
-- atomicity, rollback and savepoints; the anomalies between two sessions are in the Python examples.

-- --8<-- [start:transfer]
BEGIN;
UPDATE accounts SET balance_cents = balance_cents - 3000 WHERE id = 1;
UPDATE accounts SET balance_cents = balance_cents + 3000 WHERE id = 2;
COMMIT;
SELECT id, owner, balance_cents FROM accounts ORDER BY id;
-- --8<-- [end:transfer]

-- --8<-- [start:check_violation]
-- Bo has 25.00: taking 40.00 violates the CHECK, so the whole transaction fails and nothing changes.
BEGIN;
UPDATE accounts SET balance_cents = balance_cents + 4000 WHERE id = 1;
UPDATE accounts SET balance_cents = balance_cents - 4000 WHERE id = 2;
COMMIT;
-- --8<-- [end:check_violation]

-- --8<-- [start:rollback]
BEGIN;
DELETE FROM accounts;
SELECT count(*) AS accounts_inside FROM accounts;
ROLLBACK;
SELECT count(*) AS accounts_after_rollback FROM accounts;
-- --8<-- [end:rollback]

-- --8<-- [start:savepoint]
BEGIN;
UPDATE accounts SET balance_cents = balance_cents - 1000 WHERE id = 1;
UPDATE accounts SET balance_cents = balance_cents + 1000 WHERE id = 3;
SAVEPOINT before_fee;
UPDATE accounts SET balance_cents = balance_cents - 50 WHERE id = 3;
ROLLBACK TO SAVEPOINT before_fee;  -- undo the fee only
COMMIT;
SELECT id, owner, balance_cents FROM accounts ORDER BY id;
-- --8<-- [end:savepoint]

-- --8<-- [start:conditional_update]
-- Check and act in one statement: the withdrawal only happens if the money is there.
UPDATE accounts
SET balance_cents = balance_cents - 5000
WHERE id = 2 AND balance_cents >= 5000
RETURNING id, balance_cents;
-- --8<-- [end:conditional_update]

-- --8<-- [start:isolation]
BEGIN ISOLATION LEVEL REPEATABLE READ;
SHOW transaction_isolation;
SELECT sum(balance_cents) AS total_cents FROM accounts;
COMMIT;
-- --8<-- [end:isolation]
