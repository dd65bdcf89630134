-- usage_daily is read whole, account by account, by every health scoring run: a million accounts' rows in
-- one grouping. Spread over sixteen hash partitions of account_id, each partition is grouped on its own
-- (partitionwise, by every core at once) in a table a sixteenth the size, and no account's rows have to be
-- merged from several workers afterwards. An account's own rows stay in one partition, found by its id.
ALTER TABLE usage_daily RENAME TO usage_daily_unpartitioned;
ALTER TABLE usage_daily_unpartitioned RENAME CONSTRAINT usage_daily_pkey TO usage_daily_unpartitioned_pkey;

CREATE TABLE usage_daily (
    account_id       bigint      NOT NULL REFERENCES account (id),
    day              date        NOT NULL,
    active_users     integer     NOT NULL CHECK (active_users >= 0),
    active_users_7d  integer              CHECK (active_users_7d >= 0),
    active_users_28d integer              CHECK (active_users_28d >= 0),
    events           bigint      NOT NULL CHECK (events >= 0),
    event_counts     jsonb       NOT NULL DEFAULT '{}',
    seats            integer              CHECK (seats >= 0),
    utilization      numeric(9,4) GENERATED ALWAYS AS
                         (CASE WHEN seats > 0 THEN round(active_users::numeric / seats, 4) END) STORED,
    source           text        NOT NULL DEFAULT 'events' CHECK (source IN ('events', 'import')),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, day)
) PARTITION BY HASH (account_id);

DO $$
BEGIN
    FOR remainder IN 0..15 LOOP
        EXECUTE format('CREATE TABLE usage_daily_%s PARTITION OF usage_daily FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                       lpad(remainder::text, 2, '0'), remainder);
    END LOOP;
END
$$;

INSERT INTO usage_daily (account_id, day, active_users, active_users_7d, active_users_28d, events, event_counts,
                         seats, source, updated_at)
SELECT account_id, day, active_users, active_users_7d, active_users_28d, events, event_counts, seats, source,
       updated_at
  FROM usage_daily_unpartitioned;

DROP TABLE usage_daily_unpartitioned;
