-- The windows a bundle's manifest declares for its incident (issue 15 item 7): the incident window
-- and the baseline, as JSON {"window":{"start","end"},"baseline":{...}}; null when none declared
-- (a webhook alert), and the investigation derives them from the alert.
ALTER TABLE incidents ADD COLUMN declared_json TEXT;
