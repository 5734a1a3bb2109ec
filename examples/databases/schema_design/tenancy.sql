-- Shared-schema multi-tenancy: one invoices table for every tenant, isolated by row-level security.
-- tenancy.py creates the application role (app_role below is a placeholder it replaces) before this runs.

-- --8<-- [start:policy]
CREATE TABLE invoices (
    tenant_id text NOT NULL,
    number text NOT NULL,
    total_cents integer NOT NULL,
    PRIMARY KEY (tenant_id, number)  -- the tenant leads every key and index
);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
-- Every query by a role that is not the table's owner sees, and may write, only the current tenant's rows.
CREATE POLICY tenant_isolation ON invoices
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON invoices TO app_role;
-- --8<-- [end:policy]

INSERT INTO invoices VALUES ('acme', 'A-1', 1000), ('acme', 'A-2', 2500), ('globex', 'G-1', 700);
