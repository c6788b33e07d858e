-- Workers share the incidents table as their queue (issue 15): a worker claims a QUEUED incident,
-- or a RUNNING one whose lease ran out (its worker died), with SELECT ... FOR UPDATE SKIP LOCKED on
-- PostgreSQL; it renews lease_until while it investigates; an incident claimed max-attempts times
-- without finishing is PARKED. Rows from before this version have no lease: expired at once.
ALTER TABLE incidents ADD COLUMN lease_owner VARCHAR;
ALTER TABLE incidents ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE incidents ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
CREATE INDEX incidents_lease ON incidents (lease_owner);
