import type { MigrationInterface } from 'typeorm';
import { InitialPlatform1795533901406 } from './1795533901406-InitialPlatform';
import { AddFamilyPlan1795535203086 } from './1795535203086-AddFamilyPlan';
import { AddZrmAssessment1795535666341 } from './1795535666341-AddZrmAssessment';
import { AddNetworkMember1795535808393 } from './1795535808393-AddNetworkMember';
import { AddPlanComments1795535977671 } from './1795535977671-AddPlanComments';
import { AddMemberBsnAndSharing1795538233621 } from './1795538233621-AddMemberBsnAndSharing';
import { RecordCustodyPerChild1795538805759 } from './1795538805759-RecordCustodyPerChild';
import { AddSocketIoAttachments1795535676479 } from './1795535676479-AddSocketIoAttachments';
import { AddUserActivation1795546486209 } from './1795546486209-AddUserActivation';
import { AddAllocationsEvaluationsComplaints1795546608124 } from './1795546608124-AddAllocationsEvaluationsComplaints';
import { PartitionAndChainAuditLog1795556260850 } from './1795556260850-PartitionAndChainAuditLog';
import { AddPrivacyRights1795556432188 } from './1795556432188-AddPrivacyRights';
import { AddPlanFamilyIndex1795557452638 } from './1795557452638-AddPlanFamilyIndex';
import { AddOrganisationSso1795556275898 } from './1795556275898-AddOrganisationSso';
import { AddRetentionAndDestructionRequests1795556557912 } from './1795556557912-AddRetentionAndDestructionRequests';
import { AddSessionsAndSecondFactor1795556416294 } from './1795556416294-AddSessionsAndSecondFactor';
import { AddFamilySignals1795566841541 } from './1795566841541-AddFamilySignals';

/**
 * Every migration, in order. A migration is reviewed and never edited after it lands: change the schema by
 * adding a new one (`npm run db:generate -- <PascalCaseIntent>`) and listing it here.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  InitialPlatform1795533901406,
  AddFamilyPlan1795535203086,
  AddZrmAssessment1795535666341,
  AddSocketIoAttachments1795535676479,
  AddNetworkMember1795535808393,
  AddPlanComments1795535977671,
  AddMemberBsnAndSharing1795538233621,
  RecordCustodyPerChild1795538805759,
  AddUserActivation1795546486209,
  AddAllocationsEvaluationsComplaints1795546608124,
  PartitionAndChainAuditLog1795556260850,
  AddOrganisationSso1795556275898,
  AddSessionsAndSecondFactor1795556416294,
  AddPrivacyRights1795556432188,
  AddRetentionAndDestructionRequests1795556557912,
  AddPlanFamilyIndex1795557452638,
  AddFamilySignals1795566841541,
];
