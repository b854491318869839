// The SQL of the benchmarked endpoints, as the API sends it (the access scope of AccessService, the plan reads of
// PlansRepository, the goal write of GoalsService). The baseline server runs exactly these, and bench:explain
// prints their plans. Keep them in step with the API when its queries change.

/** FamilyGuard.require for an access-team member: the family, if in the worker's municipality or theirs. */
export const GUARD_ACCESS_TEAM = `SELECT f.id, f.version, f.display_name, f.municipality, f.status, f.team_id,
       f.regisseur_user_id, f.created_at, f.updated_at
  FROM family f
 WHERE f.id = $1
   AND (f.municipality = (SELECT o.municipality FROM organisation o WHERE o.id = $2) OR f.regisseur_user_id = $3)`;

/** FamilyGuard.require for a provider: only with a current involvement that has consent. */
export const GUARD_PROVIDER = `SELECT f.id, f.version, f.display_name, f.municipality, f.status, f.team_id,
       f.regisseur_user_id, f.created_at, f.updated_at
  FROM family f
 WHERE f.id = $1
   AND (EXISTS (SELECT 1 FROM involvement i
                 WHERE i.family_id = f.id AND i.organisation_id = $2
                   AND i.consent_given_at IS NOT NULL AND i.consent_withdrawn_at IS NULL
                   AND (i.until IS NULL OR i.until >= current_date))
        OR f.regisseur_user_id = $3)`;

export const LIVING_PLAN = `SELECT * FROM plan WHERE family_id = $1 AND status <> 'closed' LIMIT 1`;
export const PLAN_SECTIONS = `SELECT * FROM plan_section WHERE plan_id = $1`;
export const PLAN_GOALS = `SELECT * FROM goal WHERE plan_id = $1`;
export const PLAN_AGREEMENTS = `SELECT * FROM agreement WHERE family_id = $1`;

/** The five most recent progress notes of every goal of the plan, with author and organisation. */
export const RECENT_PROGRESS = `SELECT * FROM (
   SELECT n.id, n.goal_id AS "goalId", n.family_id AS "familyId", n.author_user_id AS "authorUserId",
          n.organisation_id AS "organisationId", n.note, n.score, n.noted_on::text AS "notedOn",
          n.restricted_to AS "restrictedTo", n.created_at AS "createdAt",
          u.display_name AS "authorName", o.name AS "organisationName",
          row_number() OVER (PARTITION BY n.goal_id ORDER BY n.created_at DESC) AS rn
     FROM progress_note n
     JOIN app_user u ON u.id = n.author_user_id
     LEFT JOIN organisation o ON o.id = n.organisation_id
    WHERE n.goal_id = ANY($1::uuid[])) recent
  WHERE rn <= $2`;

export const PLAN_COMMENTS = `SELECT c.id, c.goal_id AS "goalId", c.agreement_id AS "agreementId", c.text,
       c.author_user_id AS "authorUserId", u.display_name AS "authorName", u.role AS "authorRole",
       c.created_at AS "createdAt"
  FROM plan_comment c JOIN app_user u ON u.id = c.author_user_id
 WHERE c.family_id = $1 ORDER BY c.created_at`;

export const AUDIT_INSERT = `INSERT INTO audit_log (user_id, user_role, organisation_id, family_id, subject_id, resource,
       action, result, basis, emergency, ip, request_id, details)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, false, $10, $11, NULL) RETURNING id, occurred_at`;

export const GOAL_FAMILY = `SELECT family_id FROM goal WHERE id = $1`;
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
