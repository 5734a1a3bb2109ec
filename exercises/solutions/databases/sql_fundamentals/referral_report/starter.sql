-- Reference solution. The referrer is optional, so it is a LEFT JOIN, and coalesce turns the missing name
-- into '-'. count(f.id) counts only the referred customers that exist; count(*) counted the row the LEFT JOIN
-- pads with NULLs. r.name is grouped as well: PostgreSQL knows c.name depends on c.id, but not r.name.

SELECT c.id, c.name, coalesce(r.name, '-') AS referred_by, count(f.id) AS referrals
FROM customers AS c
LEFT JOIN customers AS r ON r.id = c.referred_by
LEFT JOIN customers AS f ON f.referred_by = c.id
GROUP BY c.id, c.name, r.name;
