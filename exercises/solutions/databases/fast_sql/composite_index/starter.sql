-- Reference solution. With created_at first, the index is sorted by date, so the database walks it from
-- the newest entry and checks each one's customer_id until it has found ten: for a customer whose orders
-- are all old, that is most of the index. With the equality column first, the entries of one customer sit
-- together, already in date order: one seek, then the next ten entries, and no sort. The old index is
-- gone: it served no query, and every index slows every write.

CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at);
