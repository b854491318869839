import { Global, Module } from '@nestjs/common';
import { AuditSealer } from './audit-sealer.service';
import { AuditService } from './audit.service';

@Global()
@Module({ providers: [AuditService, AuditSealer], exports: [AuditService] })
export class AuditModule {}
