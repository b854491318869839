import { ORGANISATION_TYPES, type OrganisationType } from '@gezinsplan/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { sqlList } from '../../database/sql';

@Entity('organisation')
@Check('ck_organisation_type', `"type" IN (${sqlList(ORGANISATION_TYPES)})`)
export class OrganisationEntity extends MutableEntity {
  @Index('uq_organisation_name', { unique: true })
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  type!: OrganisationType;

  /** For municipal organisations (access teams): the municipality whose families they serve. */
  @Column({ type: 'text', nullable: true })
  municipality!: string | null;

  @OneToMany(() => TeamEntity, (team) => team.organisation)
  teams?: TeamEntity[];
}

@Entity('team')
@Index('uq_team_organisation_name', ['organisationId', 'name'], { unique: true })
export class TeamEntity extends MutableEntity {
  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, (org) => org.teams, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_team_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' })
  name!: string;
}
