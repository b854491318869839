// No imports on purpose: the benchmark's bare baseline (scripts/bench/baseline.mjs) loads the compiled file, so it
// runs exactly the statement the API runs.

/**
 * The plan document: the plan row ($1: the family's living plan, or the plan with that id) and, as json arrays
 * with the entities' property names, its sections, goals, their agreements, the newest $2 progress notes per
 * goal (a LATERAL backward scan of ix_progress_note_goal_time that stops after $2) with author and organisation,
 * and the family's comments. Every part is an index lookup (see docs/performance.md).
 */
const planDocument = (planWhere: string) => `
WITH p AS (SELECT * FROM plan WHERE ${planWhere} LIMIT 1),
     g AS (SELECT * FROM goal WHERE plan_id = (SELECT id FROM p))
SELECT
  (SELECT json_build_object('id', p.id, 'familyId', p.family_id, 'status', p.status,
          'evaluationDate', p.evaluation_date, 'currentVersionNumber', p.current_version_number,
          'version', p.version, 'revision', p.revision, 'closedReason', p.closed_reason,
          'handedOverTo', p.handed_over_to, 'createdAt', p.created_at, 'updatedAt', p.updated_at) FROM p) AS plan,
  (SELECT coalesce(json_agg(json_build_object('id', s.id, 'planId', s.plan_id, 'kind', s.kind, 'content', s.content,
          'restrictedTo', s.restricted_to, 'version', s.version, 'createdAt', s.created_at,
          'updatedAt', s.updated_at)), '[]')
     FROM plan_section s WHERE s.plan_id = (SELECT id FROM p)) AS sections,
  (SELECT coalesce(json_agg(json_build_object('id', g.id, 'planId', g.plan_id, 'familyId', g.family_id,
          'title', g.title, 'lifeDomain', g.life_domain, 'priority', g.priority, 'targetDate', g.target_date,
          'status', g.status, 'memberIds', g.member_ids, 'zrmDomain', g.zrm_domain,
          'safetyCondition', g.safety_condition, 'proposedByUserId', g.proposed_by_user_id, 'version', g.version,
          'createdAt', g.created_at, 'updatedAt', g.updated_at)), '[]') FROM g) AS goals,
  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'goalId', a.goal_id, 'familyId', a.family_id,
          'description', a.description, 'ownerType', a.owner_type, 'ownerId', a.owner_id,
          'ownerLabel', a.owner_label, 'dueDate', a.due_date, 'status', a.status, 'version', a.version,
          'createdAt', a.created_at, 'updatedAt', a.updated_at)), '[]')
     FROM g JOIN agreement a ON a.goal_id = g.id) AS agreements,
  (SELECT coalesce(json_agg(json_build_object('id', n.id, 'goalId', n.goal_id, 'familyId', n.family_id,
          'authorUserId', n.author_user_id, 'organisationId', n.organisation_id, 'note', n.note, 'score', n.score,
          'notedOn', n.noted_on, 'restrictedTo', n.restricted_to, 'createdAt', n.created_at,
          'authorName', u.display_name, 'organisationName', o.name)), '[]')
     FROM g CROSS JOIN LATERAL (
            SELECT * FROM progress_note pn WHERE pn.goal_id = g.id ORDER BY pn.created_at DESC LIMIT $2) n
     JOIN app_user u ON u.id = n.author_user_id
     LEFT JOIN organisation o ON o.id = n.organisation_id) AS progress,
  (SELECT coalesce(json_agg(json_build_object('id', c.id, 'goalId', c.goal_id, 'agreementId', c.agreement_id,
          'text', c.text, 'authorUserId', c.author_user_id, 'authorName', u.display_name, 'authorRole', u.role,
          'createdAt', c.created_at) ORDER BY c.created_at), '[]')
     FROM plan_comment c JOIN app_user u ON u.id = c.author_user_id
    WHERE c.family_id = (SELECT family_id FROM p)) AS comments`;
export const PLAN_DOCUMENT_BY_FAMILY = planDocument(`family_id = $1 AND status <> 'closed'`);
export const PLAN_DOCUMENT_BY_ID = planDocument('id = $1');
