import { Module } from '@nestjs/common';
import { AccessLogService } from './access-log.service';
import { FamiliesController } from './families.controller';
import { FamiliesRepository } from './families.repository';
import { FamiliesService } from './families.service';

@Module({
  controllers: [FamiliesController],
  providers: [FamiliesService, FamiliesRepository, AccessLogService],
})
export class FamiliesModule {}
