-- The workspace's revenue rules (DESIGN.md, "MRR movement rules"): one row; absent means the defaults.
CREATE TABLE revenue_setting (
    id                          integer      PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    reporting_currency          text         NOT NULL DEFAULT 'JPY' CHECK (reporting_currency ~ '^[A-Z]{3}$'),
    -- churn is dated the day paid service ends, or the day the cancellation was recorded to take effect
    churn_dated                 text         NOT NULL DEFAULT 'service_end'
                                             CHECK (churn_dated IN ('service_end', 'recorded')),
    -- months after a churn within which paying again is reactivation; null: no limit
    reactivation_window_months  integer      CHECK (reactivation_window_months > 0),
    gross_margin_percent        numeric(5,2) NOT NULL DEFAULT 80 CHECK (gross_margin_percent BETWEEN 0 AND 100),
    version                     integer      NOT NULL DEFAULT 0,
    updated_at                  timestamptz  NOT NULL DEFAULT now()
);

-- units of the reporting currency per one unit of `currency` (major units: 1 USD = 150.25 JPY);
-- the rate of a day is the latest one on or before it
CREATE TABLE exchange_rate (
    currency        text           NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    rate_date       date           NOT NULL,
    rate            numeric(20,10) NOT NULL CHECK (rate > 0),
    imported_at     timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (currency, rate_date)
);

-- Derived from subscription history by MrrRebuild; every row can be rebuilt, none is edited by hand. Unlogged:
-- a rebuild of a million contracts should not also write them to the WAL; after a crash PostgreSQL empties
-- them and the next report rebuilds them (MrrRebuild.catchUp).
-- The movement log: one row per account and day its MRR changed (several changes that day are one movement).
CREATE UNLOGGED TABLE mrr_movement (
    account_id          bigint  NOT NULL,
    movement_on         date    NOT NULL,
    kind                text    COLLATE "C" NOT NULL CHECK (kind IN ('new_business', 'expansion', 'contraction', 'churn',
                                    'reactivation', 'none')),
    amount              bigint  NOT NULL,
    changes             integer NOT NULL,
    paying_after        boolean NOT NULL,
    first_paid_on       date,
    previous_churn_on   date,
    PRIMARY KEY (account_id, movement_on)
);

-- Codes are compared byte by byte (COLLATE "C"): a million index insertions should not each call strcoll.
-- The monthly waterfall at its finest grain: per account, month, plan and currency, the net change of the
-- month, booked by the account-level rule (account_kind) and by the plan-segment rule (plan_kind).
CREATE UNLOGGED TABLE mrr_segment_month (
    account_id              bigint   NOT NULL,
    month                   date     NOT NULL,
    plan_id                 bigint   NOT NULL,
    currency                text     COLLATE "C" NOT NULL,
    native_change           bigint   NOT NULL,
    amount                  bigint   NOT NULL,
    movement_on             date     NOT NULL,
    account_kind            text     COLLATE "C" NOT NULL,
    account_logo            smallint NOT NULL,
    account_paying_since    date,
    new_and_churned         boolean  NOT NULL,
    plan_kind               text     COLLATE "C" NOT NULL,
    plan_logo               smallint NOT NULL,
    plan_paying_since       date,
    cohort_month            date,
    PRIMARY KEY (account_id, month, plan_id, currency),
    CHECK (account_kind IN ('new_business', 'expansion', 'contraction', 'churn', 'reactivation', 'none')),
    CHECK (plan_kind IN ('new_business', 'expansion', 'contraction', 'churn', 'reactivation', 'moved_in',
                         'moved_out', 'none'))
);
CREATE INDEX mrr_segment_month_month_idx ON mrr_segment_month (month, account_kind);

-- Accounts whose history changed since their movements were built. Filled by the triggers below, whoever
-- wrote the history (import, API, demo generator, SQL), so a late import can never leave stale movements.
CREATE TABLE mrr_stale_account (
    account_id      bigint      PRIMARY KEY,
    marked_at       timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION revenue_mark_history_stale() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO mrr_stale_account (account_id) VALUES (NEW.account_id) ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO mrr_stale_account (account_id) VALUES (OLD.account_id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER subscription_change_marks_mrr_stale
    AFTER INSERT OR UPDATE OR DELETE ON subscription_change
    FOR EACH ROW EXECUTE FUNCTION revenue_mark_history_stale();

CREATE TRIGGER subscription_marks_mrr_stale
    AFTER INSERT OR UPDATE OF account_id, plan_price_id, started_on, ended_on, status OR DELETE ON subscription
    FOR EACH ROW EXECUTE FUNCTION revenue_mark_history_stale();
