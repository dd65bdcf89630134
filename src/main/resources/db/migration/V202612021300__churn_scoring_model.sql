-- The model that scored the accounts at each training, kept so later days rescore every paying account with it
-- without retraining: Tribuo's protobuf form of the model, and the standardization (mean and standard deviation
-- of each feature in training) its inputs go through. For boosted trees also each feature's standardized values
-- at the 10th, 30th, 50th, 70th and 90th percentiles of training (feature after feature), which an account's
-- drivers are measured against. One per training, appended with it, never edited.
CREATE TABLE churn_scoring_model (
    model_id     bigint             PRIMARY KEY REFERENCES churn_model (id),
    learner      text               NOT NULL CHECK (learner IN ('logistic_regression', 'boosted_trees')),
    features     text[]             NOT NULL,
    means        double precision[] NOT NULL,
    deviations   double precision[] NOT NULL,
    typical      double precision[] NOT NULL DEFAULT '{}',
    model        bytea              NOT NULL,
    CHECK (cardinality(features) = cardinality(means) AND cardinality(means) = cardinality(deviations)),
    CHECK (learner = 'logistic_regression' OR cardinality(typical) = 5 * cardinality(features))
);
