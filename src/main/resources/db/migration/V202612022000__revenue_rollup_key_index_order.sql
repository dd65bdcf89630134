-- The key index of the roll-up leads with its most varied columns: catching up looks a key up by equality on
-- all of them, so the order does not matter there, while a full rebuild sorts every row to build the index
-- again, and leading with four columns of a few values each (basis, month, currency, kind) made most
-- comparisons run through all of them: three times the CPU of this order.
DROP INDEX IF EXISTS mrr_rollup_month_key_idx;
CREATE INDEX mrr_rollup_month_key_idx ON mrr_rollup_month ((COALESCE(owner_user_id, 0)), (COALESCE(since, 'infinity')),
    month, (COALESCE(plan_id, 0)), kind, currency, basis);
