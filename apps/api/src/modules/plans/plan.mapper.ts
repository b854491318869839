import type {
  AgreementResponse,
  CommentResponse,
  GoalResponse,
  PlanResponse,
  ProgressResponse,
  SectionResponse,
} from '@gezinsplan/contracts';
import type { AgreementEntity, GoalEntity, ProgressNoteEntity } from './goal.entity';
import type { PlanEntity, PlanSectionEntity } from './plan.entity';

export interface PlanParts {
  plan: PlanEntity;
  sections: PlanSectionEntity[];
  goals: GoalEntity[];
  agreements: AgreementEntity[];
  progress: (ProgressNoteEntity & { authorName: string; organisationName: string | null })[];
  comments: CommentRow[];
}

export interface CommentRow {
  id: string;
  goalId: string | null;
  agreementId: string | null;
  text: string;
  authorUserId: string;
  authorName: string;
  authorRole: string;
  createdAt: Date;
}

const SECTION_ORDER = ['going_well', 'worries', 'wish', 'strengths', 'safety'];

/** The whole plan, unfiltered. What a reader gets is `viewFor(reader, toPlanResponse(...))`. */
export function toPlanResponse(parts: PlanParts, today = new Date().toISOString().slice(0, 10)): PlanResponse {
  const { plan } = parts;
  return {
    id: plan.id,
    familyId: plan.familyId,
    status: plan.status,
    evaluationDate: plan.evaluationDate,
    currentVersionNumber: plan.currentVersionNumber,
    version: plan.version,
    revision: plan.revision,
    updatedAt: plan.updatedAt.toISOString(),
    sections: [...parts.sections]
      .sort((a, b) => SECTION_ORDER.indexOf(a.kind) - SECTION_ORDER.indexOf(b.kind))
      .map(toSection),
    goals: [...parts.goals]
      .sort((a, b) => a.priority - b.priority || a.createdAt.getTime() - b.createdAt.getTime())
      .map((g) =>
        toGoal(
          g,
          parts.agreements.filter((a) => a.goalId === g.id),
          parts.progress.filter((p) => p.goalId === g.id),
          today,
          parts.comments,
        ),
      ),
  };
}

export function toSection(s: PlanSectionEntity): SectionResponse {
  return { id: s.id, kind: s.kind, content: s.content, restrictedTo: s.restrictedTo, version: s.version };
}

export function toGoal(
  g: GoalEntity,
  agreements: AgreementEntity[],
  progress: PlanParts['progress'],
  today = new Date().toISOString().slice(0, 10),
  comments: CommentRow[] = [],
): GoalResponse {
  return {
    id: g.id,
    title: g.title,
    lifeDomain: g.lifeDomain,
    priority: g.priority,
    targetDate: g.targetDate,
    status: g.status,
    memberIds: g.memberIds,
    zrmDomain: g.zrmDomain,
    safetyCondition: g.safetyCondition,
    proposedBy: g.proposedByUserId,
    version: g.version,
    agreements: [...agreements]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((a) =>
        toAgreement(
          a,
          today,
          comments.filter((c) => c.agreementId === a.id),
        ),
      ),
    progress: [...progress].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map(toProgress),
    comments: comments.filter((c) => c.goalId === g.id).map(toComment),
  };
}

export function toAgreement(
  a: AgreementEntity,
  today = new Date().toISOString().slice(0, 10),
  comments: CommentRow[] = [],
): AgreementResponse {
  return {
    id: a.id,
    goalId: a.goalId,
    description: a.description,
    ownerType: a.ownerType,
    ownerId: a.ownerId,
    ownerLabel: a.ownerLabel,
    dueDate: a.dueDate,
    status: a.status,
    overdue: a.status === 'open' && a.dueDate !== null && a.dueDate < today,
    version: a.version,
    comments: comments.map(toComment),
  };
}

export function toProgress(p: PlanParts['progress'][number]): ProgressResponse {
  return {
    id: p.id,
    goalId: p.goalId,
    note: p.note,
    score: p.score,
    notedOn: p.notedOn,
    author: { userId: p.authorUserId, displayName: p.authorName, organisation: p.organisationName },
    restrictedTo: p.restrictedTo,
    createdAt: p.createdAt.toISOString(),
  };
}

export function toComment(c: CommentRow): CommentResponse {
  return {
    id: c.id,
    text: c.text,
    author: { userId: c.authorUserId, displayName: c.authorName, role: c.authorRole },
    createdAt: new Date(c.createdAt).toISOString(),
  };
}
