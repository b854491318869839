import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { RegieController } from './regie.controller';
import { RegieService } from './regie.service';

@Module({ imports: [PlansModule], controllers: [RegieController], providers: [RegieService], exports: [RegieService] })
export class RegieModule {}
