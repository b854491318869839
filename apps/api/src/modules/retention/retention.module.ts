import { Module } from '@nestjs/common';
import { FamilyFileService } from './family-file.service';
import { RetentionController } from './retention.controller';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';

/** Closing files, retention and its sweep, early destruction on request, and the boot-time note encryption. */
@Module({
  controllers: [RetentionController],
  providers: [RetentionService, FamilyFileService, RetentionScheduler],
  exports: [RetentionService],
})
export class RetentionModule {}
