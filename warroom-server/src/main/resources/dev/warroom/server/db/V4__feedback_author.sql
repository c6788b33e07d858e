-- Who gave feedback (issue 15): the token's configured name, or its role and a short hash of the
-- token (never the token); null on rows written before this version.
ALTER TABLE feedback ADD COLUMN given_by VARCHAR;
