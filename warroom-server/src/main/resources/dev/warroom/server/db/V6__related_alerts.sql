-- Related alerts grouped into one incident (issue 15): an alert that fires within the grouping
-- window of an open incident's alert, on the same service or one connected to it in the topology,
-- joins that incident instead of opening its own; keyed by its dedup key (fingerprint@startsAt) so
-- a re-sent notification finds the incident it joined.
CREATE TABLE incident_alerts (
  dedup_key VARCHAR PRIMARY KEY,
  incident_id VARCHAR NOT NULL REFERENCES incidents (id),
  fingerprint VARCHAR NOT NULL,
  service VARCHAR,
  title TEXT,
  alert_json TEXT,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX incident_alerts_incident ON incident_alerts (incident_id);
