-- As for health_score (V202612021500): accounts are archived, never deleted, so the foreign key guarded against
-- nothing that can happen, while its check on every row (a lookup that also locks the account row) doubled the
-- cost of keeping a day's band changes, up to a million of them on a first run.
ALTER TABLE playbook_band_change DROP CONSTRAINT playbook_band_change_account_id_fkey;
