-- One health score per account and day, from the model version that scored it; the components that explain
-- the score are kept with it, so a change of model is never mistaken for a change of behaviour (DESIGN.md).
-- The models themselves (health_model) come with the health capability's next migration.
CREATE TABLE health_score (
    account_id      bigint       NOT NULL REFERENCES account (id),
    day             date         NOT NULL,
    model_id        bigint       NOT NULL,
    model_version   integer      NOT NULL,
    score           numeric(5,1) NOT NULL CHECK (score BETWEEN 0 AND 100),
    band            text         NOT NULL CHECK (band IN ('good', 'neutral', 'poor')),
    components      jsonb        NOT NULL,
    scored_at       timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, day)
);
CREATE INDEX health_score_day_idx ON health_score (day, band);
