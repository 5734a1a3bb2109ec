-- Exercise: the planner that expects 2 customers in Berlin.
--
-- Symptom: the "customers in a city" report is fast for most cities and takes minutes for big ones. Its
-- plan starts with customers WHERE country = 'DE' AND city = 'Berlin'; EXPLAIN ANALYZE shows rows=2
-- estimated and about a hundred actual, and on the real data the planner builds a nested loop on that
-- estimate. The nightly load already runs ANALYZE (below), so the statistics are fresh.
--
-- Diagnose it with the check (`make exercise ID=databases/fast_sql/correlated_columns`): it loads the
-- customers, runs this file, and compares the planner's estimate with the actual row count for several
-- cities. Then change this file, the statements the load runs after inserting the rows, so the estimates
-- come out right. Do not change the data or the report's query.

ANALYZE customers;
