-- Stored functions and procedures in PL/pgSQL, used by routines.py and its tests.

CREATE TABLE products (id integer PRIMARY KEY, name text NOT NULL, stock integer NOT NULL CHECK (stock >= 0));
CREATE TABLE orders (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id integer NOT NULL REFERENCES products (id),
    quantity integer NOT NULL CHECK (quantity > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE orders_archive (LIKE orders);

-- --8<-- [start:function]
-- A function: returns a value, runs inside the caller's transaction, called from SQL (SELECT place_order(...)).
CREATE FUNCTION place_order(p_product integer, p_quantity integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    new_id integer;
BEGIN
    -- One statement checks and takes the stock, so two concurrent orders cannot both take the last item.
    UPDATE products SET stock = stock - p_quantity
     WHERE id = p_product AND stock >= p_quantity;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'not enough stock for product %', p_product USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO orders (product_id, quantity) VALUES (p_product, p_quantity) RETURNING id INTO new_id;
    RETURN new_id;
END;
$$;
-- --8<-- [end:function]

-- --8<-- [start:procedure]
-- A procedure: no return value, started with CALL, and allowed to COMMIT between batches, so a long
-- archive job neither holds its locks until the end nor loses everything if it is stopped halfway.
CREATE PROCEDURE archive_orders(p_before timestamptz, p_batch integer)
LANGUAGE plpgsql AS $$
DECLARE
    moved integer;
BEGIN
    LOOP
        WITH batch AS (
            DELETE FROM orders
             WHERE id IN (SELECT id FROM orders WHERE created_at < p_before ORDER BY id LIMIT p_batch)
            RETURNING *
        )
        INSERT INTO orders_archive SELECT * FROM batch;
        GET DIAGNOSTICS moved = ROW_COUNT;
        EXIT WHEN moved = 0;
        COMMIT;  -- only possible when CALL runs outside an explicit transaction block
    END LOOP;
END;
$$;
-- --8<-- [end:procedure]

-- --8<-- [start:trigger]
-- A trigger: a function the database runs on every matching write, whichever client makes it.
CREATE TABLE stock_audit (
    product_id integer NOT NULL,
    old_stock integer NOT NULL,
    new_stock integer NOT NULL,
    changed_by text NOT NULL DEFAULT current_user,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION record_stock_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stock_audit (product_id, old_stock, new_stock) VALUES (OLD.id, OLD.stock, NEW.stock);
    RETURN NEW;  -- ignored for AFTER triggers, but a trigger function must return something
END;
$$;

CREATE TRIGGER products_stock_audit
    AFTER UPDATE OF stock ON products
    FOR EACH ROW
    WHEN (OLD.stock IS DISTINCT FROM NEW.stock)
    EXECUTE FUNCTION record_stock_change();
-- --8<-- [end:trigger]
