-- The report's headline kept with the incident (issue 15, verdict first): the top root-cause
-- candidate's service, fault class and confidence, for the incident list, its filters and Slack.
ALTER TABLE incidents ADD COLUMN top_service VARCHAR;
ALTER TABLE incidents ADD COLUMN fault_class VARCHAR;
ALTER TABLE incidents ADD COLUMN confidence DOUBLE PRECISION;
