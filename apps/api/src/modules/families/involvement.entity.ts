import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { FamilyEntity } from './family.entity';

/**
 * An organisation involved with a family (betrokkenheid), with the family's consent (toestemming).
 * Access follows it: only while consent is given, not withdrawn, and the involvement has not ended.
 */
@Entity('involvement')
@Index('ix_involvement_organisation_family', ['organisationId', 'familyId'])
export class InvolvementEntity extends MutableEntity {
  @Index('ix_involvement_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => FamilyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_involvement_family' })
  family?: FamilyEntity;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_involvement_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'date' })
  since!: string;

  @Column({ type: 'date', nullable: true })
  until!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  consentGivenAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  consentGivenBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  consentWithdrawnAt!: Date | null;
}
