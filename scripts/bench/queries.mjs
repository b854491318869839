// The SQL of the benchmarked endpoints, as the API sends it (the access scope of AccessService, the goal and
// progress writes of GoalsService). The plan document and the audit insert the baseline takes from the API's build
// itself (plan-document.sql.ts, audit-insert.sql.ts). Keep these in step with the API when its queries change.

/** FamilyGuard.require for an access-team member: the family, if in the worker's municipality or theirs. */
export const GUARD_ACCESS_TEAM = `SELECT f.id, f.version, f.display_name, f.municipality, f.status, f.team_id,
       f.regisseur_user_id, f.created_at, f.updated_at
  FROM family f
 WHERE f.id = $1
   AND (f.municipality = (SELECT o.municipality FROM organisation o WHERE o.id = $2) OR f.regisseur_user_id = $3
        OR EXISTS (SELECT 1 FROM emergency_access ea
                    WHERE ea.family_id = f.id AND ea.user_id = $3 AND ea.expires_at > now()))`;

/** FamilyGuard.require for a provider: only with a current involvement that has consent. */
export const GUARD_PROVIDER = `SELECT f.id, f.version, f.display_name, f.municipality, f.status, f.team_id,
       f.regisseur_user_id, f.created_at, f.updated_at
  FROM family f
 WHERE f.id = $1
   AND (EXISTS (SELECT 1 FROM involvement i
                 WHERE i.family_id = f.id AND i.organisation_id = $2
                   AND i.consent_given_at IS NOT NULL AND i.consent_withdrawn_at IS NULL
                   AND (i.until IS NULL OR i.until >= current_date))
        OR f.regisseur_user_id = $3
        OR EXISTS (SELECT 1 FROM emergency_access ea
                    WHERE ea.family_id = f.id AND ea.user_id = $3 AND ea.expires_at > now()))`;

export const EMERGENCY_GRANT = `SELECT 1 FROM emergency_access WHERE user_id = $1 AND family_id = $2 AND expires_at > now() LIMIT 1`;
export const GOAL_BY_ID = `SELECT * FROM goal WHERE id = $1 LIMIT 1`;
export const GOAL_UPDATE = `UPDATE goal SET title = $3, version = version + 1, updated_at = CURRENT_TIMESTAMP
 WHERE id = $1 AND version = $2`;
export const GOAL_AGREEMENTS = `SELECT * FROM agreement WHERE goal_id = $1`;
export const PLAN_TOUCH = `UPDATE plan SET revision = revision + 1, updated_at = now() WHERE id = $1`;
export const PROGRESS_INSERT = `INSERT INTO progress_note (goal_id, family_id, author_user_id, organisation_id, note, score,
       noted_on, restricted_to)
VALUES ($1, $2, $3, $4, $5, $6, $7, '{}') RETURNING id, created_at`;
export const NOTIFICATION_INSERT = `INSERT INTO notification (user_id, family_id, kind, message, item_type, item_id,
       actor_user_id)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at`;
export const ORGANISATION_NAME = `SELECT name FROM organisation WHERE id = $1`;

/** The worklist's main query (FamiliesRepository.listVisible, access team, sort attention), for EXPLAIN. */
export const WORKLIST_COUNT = `SELECT count(*) FROM family f
 WHERE (f.municipality = (SELECT o.municipality FROM organisation o WHERE o.id = $1) OR f.regisseur_user_id = $2)`;
