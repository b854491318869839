import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { AllocationsController } from './allocations.controller';
import { AllocationsService } from './allocations.service';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsService } from './evaluations.service';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

/** Help allocation (iJw life cycle), evaluations, satisfaction, complaints and the outcome indicators. */
@Module({
  imports: [PlansModule],
  controllers: [AllocationsController, EvaluationsController, IndicatorsController],
  providers: [AllocationsService, EvaluationsService, IndicatorsService, IndicatorsRepository],
  exports: [AllocationsService, EvaluationsService],
})
export class OutcomesModule {}
