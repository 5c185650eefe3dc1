/**
 * The hub's own audit log (schema version 6): what was done to the hub itself (enrolment codes issued,
 * workstations enrolled and revoked, the province figures rebuilt), one row per event, hash-chained as
 * the workstation's log is (docs/security.md). `at` is kept as the ISO text that was hashed. Rows are
 * never changed or removed: a trigger refuses it.
 */
export const HUB_AUDIT_SQL = `
CREATE TABLE hub_audit (
  seq BIGINT PRIMARY KEY CHECK (seq >= 1),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE FUNCTION hub_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'hub_audit is append-only';
END
$fn$;
CREATE TRIGGER hub_audit_append_only BEFORE UPDATE OR DELETE ON hub_audit FOR EACH ROW EXECUTE FUNCTION hub_audit_append_only();
`;
