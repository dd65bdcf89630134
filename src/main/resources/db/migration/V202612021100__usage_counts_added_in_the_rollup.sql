-- The daily rollup adds new per-name counts to the stored ones in its own statement (a lookup per new name,
-- then ||), which costs PostgreSQL about half of a call to this function per day row, once per row and second.
DROP FUNCTION usage_add_counts(jsonb, jsonb);
