import type { MigrationInterface } from 'typeorm';
import { InitialPlatform1795533901406 } from './1795533901406-InitialPlatform';
import { AddFamilyPlan1795535203086 } from './1795535203086-AddFamilyPlan';

/**
 * Every migration, in order. A migration is reviewed and never edited after it lands: change the schema by
 * adding a new one (`npm run db:generate -- <PascalCaseIntent>`) and listing it here.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [InitialPlatform1795533901406, AddFamilyPlan1795535203086];
