-- A health model, one row per version: editing a model appends its next version and never rewrites one, so
-- every score can name the exact definition that produced it (DESIGN.md: a model change is not a behaviour
-- change). The components are a JSON list with no cap on their number.
CREATE TABLE health_model (
    id              bigint       NOT NULL,
    version         integer      NOT NULL CHECK (version >= 1),
    name            text         NOT NULL,
    -- segment filter: null matches every account; the most specific matching model wins, then priority
    touch_tier      text         CHECK (touch_tier IN ('high', 'low', 'tech')),
    plan_code       text,
    industry        text,
    priority        integer      NOT NULL DEFAULT 0,
    good_from       numeric(5,1) NOT NULL CHECK (good_from BETWEEN 0 AND 100),
    poor_below      numeric(5,1) NOT NULL CHECK (poor_below BETWEEN 0 AND 100),
    components      jsonb        NOT NULL,
    archived        boolean      NOT NULL DEFAULT false,
    created_by      text         NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (id, version),
    CHECK (poor_below <= good_from)
);
CREATE SEQUENCE health_model_id_seq OWNED BY health_model.id;

-- Signals bansou does not measure itself (NPS, open support issues, onboarding progress), one value per
-- account, day and metric, imported from files or written by other capabilities.
CREATE TABLE health_signal (
    account_id      bigint       NOT NULL REFERENCES account (id),
    day             date         NOT NULL,
    metric          text         NOT NULL CHECK (metric ~ '^[a-z][a-z0-9_]{0,62}$'),
    value           numeric      NOT NULL,
    source          text         NOT NULL,
    recorded_at     timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, metric, day)
);
