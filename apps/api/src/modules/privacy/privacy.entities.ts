import {
  CORRECTION_ITEM_TYPES,
  CORRECTION_STATUSES,
  type CorrectionItemType,
  type CorrectionStatus,
} from '@gezinsplan/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { sqlList } from '../../database/sql';
import { FamilyEntity } from '../families/family.entity';

/** A correction request (AVG art. 16) from a parent or a youth; answered once by the regisseur. */
@Entity('correction_request')
@Check('ck_correction_request_status', `"status" IN (${sqlList(CORRECTION_STATUSES)})`)
@Check('ck_correction_request_item_type', `"item_type" IS NULL OR "item_type" IN (${sqlList(CORRECTION_ITEM_TYPES)})`)
export class CorrectionRequestEntity extends MutableEntity {
  @Index('ix_correction_request_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => FamilyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_correction_request_family' })
  family?: FamilyEntity;

  @Column({ type: 'uuid' })
  requestedByUserId!: string;

  @Column({ type: 'text' })
  whatIsWrong!: string;

  @Column({ type: 'text' })
  shouldBe!: string;

  @Column({ type: 'text', nullable: true })
  itemType!: CorrectionItemType | null;

  @Column({ type: 'uuid', nullable: true })
  itemId!: string | null;

  @Column({ type: 'text', default: 'open' })
  status!: CorrectionStatus;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column({ type: 'uuid', nullable: true })
  answeredByUserId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;
}

/** Append-only history of a correction request: filed, then granted or refused (never updated or deleted). */
@Entity('correction_request_event')
export class CorrectionRequestEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_correction_request_event_request')
  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => CorrectionRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_correction_request_event_request' })
  request?: CorrectionRequestEntity;

  @Column({ type: 'text' })
  event!: 'filed' | 'granted' | 'refused';

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}

/** Break-the-glass access: one professional, one family, until `expiresAt` (or ended early). */
@Entity('emergency_access')
@Index('ix_emergency_access_user_family', ['userId', 'familyId'])
export class EmergencyAccessEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_emergency_access_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => FamilyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_emergency_access_family' })
  family?: FamilyEntity;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
