-- a churn interview's feedback points at the churn record it explains (renewal's churn_record), so a theme's
-- churned MRR comes from the recorded churn rather than from a date typed next to the feedback
ALTER TABLE feedback ADD COLUMN churn_record_id bigint REFERENCES churn_record (id);
CREATE INDEX feedback_churn_record_idx ON feedback (churn_record_id) WHERE churn_record_id IS NOT NULL;

-- owners are alerted of changes detected within this many days; older ones (history loads) are recorded quietly
ALTER TABLE knowledge_setting ADD COLUMN alert_window_days integer NOT NULL DEFAULT 30
    CHECK (alert_window_days BETWEEN 0 AND 3650);
