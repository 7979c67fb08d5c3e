-- The recovery report counts the cases whose oops is in a period, and its drill-downs page
-- through them newest oops first: one range of this index instead of every case of the workspace.
CREATE INDEX cases_oops ON cases (workspace_id, oops_at, id);
