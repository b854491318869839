import { Module } from '@nestjs/common';
import { CommentsService } from './comments.service';
import { GoalsService } from './goals.service';
import { PlanEvents } from './plan-events.service';
import { PlanVersionsService } from './plan-versions.service';
import { PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

@Module({
  controllers: [PlansController],
  providers: [PlansService, GoalsService, CommentsService, PlanVersionsService, PlansRepository, PlanEvents],
  exports: [PlansRepository, PlanEvents, PlansService, PlanVersionsService],
})
export class PlansModule {}
