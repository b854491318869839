import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { FamilyGuard } from './family-guard.service';

@Global()
@Module({ providers: [AccessService, FamilyGuard], exports: [AccessService, FamilyGuard] })
export class AccessModule {}
