import { AuditLogEntity } from '../modules/audit/audit-log.entity';
import { AuditPurgeEntity } from '../modules/audit/audit-purge.entity';
import { AuthSessionEntity, RecoveryCodeEntity, UserTotpEntity } from '../modules/auth/auth-session.entity';
import { LoginAttemptEntity, RefreshTokenEntity } from '../modules/auth/refresh-token.entity';
import { CustodyEntity } from '../modules/families/custody.entity';
import { FamilyMemberEntity } from '../modules/families/family-member.entity';
import { FamilyEntity } from '../modules/families/family.entity';
import { InvolvementEntity } from '../modules/families/involvement.entity';
import { NetworkMemberEntity } from '../modules/families/network-member.entity';
import { AllocationEntity, AllocationGoalEntity } from '../modules/outcomes/allocation.entity';
import { ComplaintEntity, EvaluationEntity, EvaluationGoalEntity } from '../modules/outcomes/evaluation.entity';
import { OrganisationEntity, TeamEntity } from '../modules/organisations/organisation.entity';
import { NotificationEntity } from '../modules/notifications/notification.entity';
import { PlanCommentEntity } from '../modules/plans/comment.entity';
import { AgreementEntity, GoalEntity, ProgressNoteEntity } from '../modules/plans/goal.entity';
import { PlanVersionAckEntity, PlanVersionEntity } from '../modules/plans/plan-version.entity';
import { PlanEntity, PlanSectionEntity } from '../modules/plans/plan.entity';
import {
  CorrectionRequestEntity,
  CorrectionRequestEventEntity,
  EmergencyAccessEntity,
} from '../modules/privacy/privacy.entities';
import { OrganisationSsoEntity, SsoLoginStateEntity, UserSsoLinkEntity } from '../modules/sso/sso.entity';
import { DestructionRequestEntity } from '../modules/retention/destruction-request.entity';
import { RegieAssignmentEntity } from '../modules/regie/regie-assignment.entity';
import { UserEntity } from '../modules/users/user.entity';
import { ZrmAssessmentEntity } from '../modules/zrm/zrm-assessment.entity';

/** Every entity, listed once: the app, the migration CLI and the drift test all use this list. */
export const ENTITIES = [
  OrganisationEntity,
  TeamEntity,
  UserEntity,
  FamilyEntity,
  FamilyMemberEntity,
  InvolvementEntity,
  RefreshTokenEntity,
  LoginAttemptEntity,
  AuditLogEntity,
  AuditPurgeEntity,
  PlanEntity,
  PlanSectionEntity,
  GoalEntity,
  AgreementEntity,
  ProgressNoteEntity,
  PlanVersionEntity,
  PlanVersionAckEntity,
  RegieAssignmentEntity,
  NotificationEntity,
  ZrmAssessmentEntity,
  NetworkMemberEntity,
  PlanCommentEntity,
  CustodyEntity,
  AllocationEntity,
  AllocationGoalEntity,
  EvaluationEntity,
  EvaluationGoalEntity,
  ComplaintEntity,
  CorrectionRequestEntity,
  CorrectionRequestEventEntity,
  EmergencyAccessEntity,
  OrganisationSsoEntity,
  UserSsoLinkEntity,
  SsoLoginStateEntity,
  DestructionRequestEntity,
  AuthSessionEntity,
  UserTotpEntity,
  RecoveryCodeEntity,
];
