-- The accounts list at 100,000 accounts (measured with EXPLAIN ANALYZE, see the ui issue note): each filter and
-- sort key gets an index that ends in (name, id) or (key, name, id), so a page is read in list order from the
-- index alone, without touching the table rows (index-only scan), and deep pages only walk the index.
-- Only live accounts are listed, so the indexes are partial and skip archived ones.
DROP INDEX account_name_idx;
DROP INDEX account_owner_idx;
DROP INDEX account_stage_idx;
DROP INDEX account_tier_idx;
DROP INDEX account_industry_idx;

CREATE INDEX account_list_name_idx ON account (name, id) WHERE archived_at IS NULL;
CREATE INDEX account_list_external_id_idx ON account (external_id, id) WHERE archived_at IS NULL;
CREATE INDEX account_list_stage_idx ON account (lifecycle_stage, name, id) WHERE archived_at IS NULL;
CREATE INDEX account_list_tier_idx ON account (touch_tier, name, id) WHERE archived_at IS NULL;
CREATE INDEX account_list_owner_idx ON account (owner_user_id, name, id) WHERE archived_at IS NULL;
CREATE INDEX account_list_industry_idx ON account (industry, name, id) WHERE archived_at IS NULL;
-- employee bands sort by company size; the expression must stay identical to AccountFilter.BAND_RANK
CREATE INDEX account_list_band_idx ON account
    (array_position(ARRAY['1-9', '10-49', '50-249', '250-999', '1000+']::text[], employee_band), name, id)
    INCLUDE (employee_band) WHERE archived_at IS NULL;

-- free-text search is "contains" (ILIKE '%…%'), which a b-tree cannot serve; trigram indexes can, for
-- search terms of three characters or more (pg_trgm is a trusted extension: no superuser needed)
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX account_name_trgm_idx ON account USING gin (name gin_trgm_ops);
CREATE INDEX account_external_id_trgm_idx ON account USING gin (external_id gin_trgm_ops);
