import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { ZrmController } from './zrm.controller';
import { ZrmService } from './zrm.service';

@Module({ imports: [PlansModule], controllers: [ZrmController], providers: [ZrmService], exports: [ZrmService] })
export class ZrmModule {}
