-- Usage ingestion keeps every event: a group id bansou does not know yet becomes an account at once, marked
-- unmapped until someone imports or edits it, so the CS team sees it instead of losing its usage.
ALTER TABLE account ADD COLUMN unmapped_at timestamptz;
CREATE INDEX account_unmapped_idx ON account (unmapped_at) WHERE unmapped_at IS NOT NULL;
