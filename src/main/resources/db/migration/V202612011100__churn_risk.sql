-- Each account's churn risk as the churn-risk model scored it: probability of churn within horizon_days of
-- scored_on, and the features that raised it most. The models and their evaluations come with the churn
-- capability's next migration.
CREATE TABLE churn_risk (
    account_id      bigint       NOT NULL REFERENCES account (id),
    scored_on       date         NOT NULL,
    model_id        bigint       NOT NULL,
    horizon_days    integer      NOT NULL CHECK (horizon_days > 0),
    probability     double precision NOT NULL CHECK (probability BETWEEN 0 AND 1),
    top_drivers     text[]       NOT NULL DEFAULT '{}',
    PRIMARY KEY (account_id, scored_on)
);
