import { Module } from '@nestjs/common';
import { FamiliesModule } from '../families/families.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { PlansModule } from '../plans/plans.module';
import { ZrmModule } from '../zrm/zrm.module';
import { CorrectionRequestsService } from './correction-requests.service';
import { EmergencyAccessService } from './emergency-access.service';
import { PrivacyExportService } from './privacy-export.service';
import { PrivacyController } from './privacy.controller';

/** AVG rights of the family (export, correction) and break-the-glass emergency access. */
@Module({
  imports: [FamiliesModule, PlansModule, ZrmModule, OutcomesModule],
  controllers: [PrivacyController],
  providers: [PrivacyExportService, CorrectionRequestsService, EmergencyAccessService],
})
export class PrivacyModule {}
