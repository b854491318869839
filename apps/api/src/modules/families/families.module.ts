import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { RegieModule } from '../regie/regie.module';
import { AccessLogService } from './access-log.service';
import { FamiliesController } from './families.controller';
import { FamiliesRepository } from './families.repository';
import { FamiliesService } from './families.service';
import { FamilyMembersController } from './family-members.controller';
import { FamilyMembersService } from './family-members.service';
import { FamilyRegistrationService } from './family-registration.service';
import { InvolvementsController } from './involvements.controller';
import { InvolvementsService } from './involvements.service';

@Module({
  imports: [RegieModule, PlansModule],
  controllers: [FamiliesController, InvolvementsController, FamilyMembersController],
  providers: [
    FamiliesService,
    FamiliesRepository,
    AccessLogService,
    FamilyRegistrationService,
    InvolvementsService,
    FamilyMembersService,
  ],
  exports: [FamiliesService, InvolvementsService],
})
export class FamiliesModule {}
