-- Exercise: the referral report that lost half the customers.
--
-- Symptom: finance pays a bonus per referral from this report. It should list every customer once, with the
-- name of whoever referred them ('-' if nobody did) and how many customers they referred. It lists only the
-- customers someone referred, and everyone who referred nobody shows 1 referral.
--
-- Diagnose it with the check (`make exercise ID=databases/sql_fundamentals/referral_report`), then fix the
-- query. It must run on SQLite and on PostgreSQL.
--
-- The result: one row per customer, with the columns id, name, referred_by (a name, or '-'), referrals (a
-- number, 0 when they referred nobody). Row order does not matter.

SELECT c.id, c.name, r.name AS referred_by, count(*) AS referrals
FROM customers AS c
JOIN customers AS r ON r.id = c.referred_by
LEFT JOIN customers AS f ON f.referred_by = c.id
GROUP BY c.id, c.name, r.name;
