import {
  DESTRUCTION_REFUSAL_REASONS,
  DESTRUCTION_SCOPES,
  DESTRUCTION_STATUSES,
  type DestructionRefusalReason,
  type DestructionScope,
  type DestructionStatus,
} from '@gezinsplan/contracts';
import { Check, Column, Entity, Index } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { sqlList } from '../../database/sql';

/**
 * A request for early destruction (AVG art. 17, Jeugdwet art. 7.3.9) and its decision. Deliberately without
 * foreign keys: the decision outlives the erasure of the family, in a minimal form (ids, dates, status, reason
 * code; the free texts, the requester's account and member are cleared when the data is erased).
 */
@Entity('destruction_request')
@Check('ck_destruction_request_scope', `"scope" IN (${sqlList(DESTRUCTION_SCOPES)})`)
@Check('ck_destruction_request_status', `"status" IN (${sqlList(DESTRUCTION_STATUSES)})`)
@Check(
  'ck_destruction_request_reason',
  `"decision_reason_code" IS NULL OR "decision_reason_code" IN (${sqlList(DESTRUCTION_REFUSAL_REASONS)})`,
)
@Check('ck_destruction_request_requester_role', `"requester_role" IN ('parent', 'youth')`)
@Index('uq_destruction_request_pending', ['familyId', 'memberId', 'scope'], {
  unique: true,
  where: `"status" = 'pending' AND "member_id" IS NOT NULL`,
})
export class DestructionRequestEntity extends MutableEntity {
  @Index('ix_destruction_request_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  /** The requester's family member (own-data: the data to erase); cleared on erasure. */
  @Column({ type: 'uuid', nullable: true })
  memberId!: string | null;

  /** Cleared on erasure (the account is gone then). */
  @Column({ type: 'uuid', nullable: true })
  requestedByUserId!: string | null;

  @Column({ type: 'text' })
  requesterRole!: 'parent' | 'youth';

  @Column({ type: 'text' })
  scope!: DestructionScope;

  /** Free text, encrypted at rest (FieldCipher); cleared on erasure. */
  @Column({ type: 'text', nullable: true })
  explanation!: string | null;

  @Column({ type: 'text', default: 'pending' })
  status!: DestructionStatus;

  @Column({ type: 'text', nullable: true })
  decisionReasonCode!: DestructionRefusalReason | null;

  /** Free text, encrypted at rest (FieldCipher); cleared on erasure. */
  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;
}
