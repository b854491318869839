import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * Every mutable record carries `version`, bumped by the one atomic UPDATE ... WHERE version = $expected
 * (see `common/http/optimistic.ts`). Not TypeORM's @VersionColumn: that alone lets updates be lost.
 */
export abstract class MutableEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
