-- Reference solution. The planner multiplies the selectivities of the two conditions as if they were
-- independent: 1/50 of the customers are in Germany, 1/1,000 in Berlin, so it expects 1/50,000 of them.
-- But a city lies in exactly one country: every Berliner is German, and the true share is 1/1,000.
-- Extended statistics on the two columns record that dependency; ANALYZE fills them in.

CREATE STATISTICS customers_city_country (dependencies) ON city, country FROM customers;
ANALYZE customers;
