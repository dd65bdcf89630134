-- A score is derived from an account's rollups, and accounts are archived, never deleted: the foreign key
-- guarded against nothing that can happen, yet its check on every row (a lookup that also locks the account
-- row) cost as much as writing the score itself, and a daily run writes one for every account.
ALTER TABLE health_score DROP CONSTRAINT health_score_account_id_fkey;
