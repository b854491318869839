// No imports on purpose: the benchmark's bare baseline (scripts/bench/baseline.mjs) loads the compiled file, so it
// writes its audit rows with exactly the statement the API uses.

/** One statement for any number of rows (a constant text, so it is prepared once per connection). */
export const AUDIT_INSERT_ROWS = `INSERT INTO audit_log (user_id, user_role, organisation_id, family_id, subject_id, resource, action,
       result, basis, emergency, ip, request_id, details)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
       $9::text[], $10::boolean[], $11::text[], $12::text[], $13::jsonb[])`;
