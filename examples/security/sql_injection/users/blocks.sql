-- Runnable blocks of the SQL injection lesson, on a fresh copy of its shop each Run.

-- --8<-- [start:intended]
-- The statement the developer imagined, for the input bob@example.com:
SELECT id, email FROM users WHERE email = 'bob@example.com';
-- --8<-- [end:intended]

-- --8<-- [start:tautology]
-- The same template after the input ' OR '1'='1 was pasted in: every user comes back.
SELECT id, email FROM users WHERE email = '' OR '1'='1';
-- --8<-- [end:tautology]

-- --8<-- [start:union]
-- The input ' UNION SELECT id, email || ' admin=' || is_admin FROM users ORDER BY 1 --
-- reads a column the query never asked for.
SELECT id, email FROM users WHERE email = '' UNION SELECT id, email || ' admin=' || is_admin FROM users ORDER BY 1 --'
-- --8<-- [end:union]

-- --8<-- [start:prepared]
-- A prepared statement: the payload is one text value, compared with every email, and matches none.
PREPARE find_user (text) AS SELECT id, email FROM users WHERE email = $1;
EXECUTE find_user (''' OR ''1''=''1');
-- --8<-- [end:prepared]
