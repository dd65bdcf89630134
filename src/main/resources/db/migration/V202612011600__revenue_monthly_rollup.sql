-- A sum of bigints that stays a bigint: sum(bigint) answers numeric, and a running sum over a window builds
-- one numeric per row, which was a good part of a rebuild's time. Overflow raises an error as bigint does.
CREATE AGGREGATE revenue_sum(bigint) (
    SFUNC = int8pl,
    STYPE = bigint,
    COMBINEFUNC = int8pl,
    PARALLEL = SAFE
);

-- The account fields a report filters and groups by, as the monthly roll-up below was built with them. When
-- an account's fields change, catching up takes its rows out of the roll-up under these and puts them back
-- under the current ones. Only accounts that have rows in mrr_segment_month are here. Compared byte by byte
-- (COLLATE "C"): the roll-up groups by them and only ever tests them for equality.
CREATE UNLOGGED TABLE mrr_rollup_account (
    account_id      bigint   PRIMARY KEY,
    industry        text     COLLATE "C",
    employee_band   text     COLLATE "C",
    touch_tier      text     COLLATE "C",
    owner_user_id   bigint
);

-- mrr_segment_month summed over accounts per month and report keys: what RevenueFigures reads, so a report
-- (grouped or filtered by plan or account fields) adds up thousands of rows, not millions. Each row of
-- mrr_segment_month is counted twice, once by the account rule (basis 'account', plan_id null) and once by the
-- plan-segment rule (basis 'plan'). `since` is the month the paying spell began, kept only for expansion,
-- contraction and churn and never earlier than twelve months before `month`: every figure compares it with a
-- month at most eleven months back, so an earlier start answers the same. Rows may repeat a key (a rebuild
-- in parts writes one per part); readers sum them. `base_rows` counts the rows of mrr_segment_month behind a
-- row, so a key stays present while any such row does, even when its amounts net to zero.
CREATE UNLOGGED TABLE mrr_rollup_month (
    basis           text     COLLATE "C" NOT NULL CHECK (basis IN ('account', 'plan')),
    month           date     NOT NULL,
    plan_id         bigint,
    currency        text     COLLATE "C" NOT NULL,
    industry        text     COLLATE "C",
    employee_band   text     COLLATE "C",
    touch_tier      text     COLLATE "C",
    owner_user_id   bigint,
    kind            text     COLLATE "C" NOT NULL,
    since           date,
    native_change   bigint   NOT NULL,
    amount          bigint   NOT NULL,
    logos           bigint   NOT NULL,
    new_and_churned bigint   NOT NULL,
    base_rows       bigint   NOT NULL
);
-- the rows of a key, for catching up (rollup-merge.sql); MrrRebuild builds it again after a full rebuild
CREATE INDEX mrr_rollup_month_key_idx ON mrr_rollup_month (basis, month, currency, kind, (COALESCE(plan_id, 0)),
    (COALESCE(owner_user_id, 0)), (COALESCE(since, 'infinity')));

-- An account whose report fields changed is re-keyed in the roll-up by the next catch-up.
CREATE FUNCTION revenue_mark_account_stale() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM mrr_rollup_account WHERE account_id = NEW.id) THEN
        INSERT INTO mrr_stale_account (account_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER account_marks_mrr_stale
    AFTER UPDATE OF industry, employee_band, touch_tier, owner_user_id ON account
    FOR EACH ROW
    WHEN (OLD.industry IS DISTINCT FROM NEW.industry OR OLD.employee_band IS DISTINCT FROM NEW.employee_band
          OR OLD.touch_tier IS DISTINCT FROM NEW.touch_tier OR OLD.owner_user_id IS DISTINCT FROM NEW.owner_user_id)
    EXECUTE FUNCTION revenue_mark_account_stale();

-- the roll-up starts empty: emptying what it is built from makes the next report rebuild all three
TRUNCATE mrr_movement, mrr_segment_month;
