import { type IndicatorsResponse, PERMISSIONS } from '@gezinsplan/contracts';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { indicatorsCsv } from './indicators.csv';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';
import { IndicatorsQueryDto } from './outcomes.dto';

@ApiTags('indicators')
@Controller('indicators')
export class IndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly repo: IndicatorsRepository,
  ) {}

  @Get()
  @RequirePermission(PERMISSIONS.indicatorsRead)
  @ApiOperation({
    summary:
      'Outcome indicators (aggregates only) with definitions, group sizes and suppression below 5 families; trend and comparison by municipality and provider. Providers see their own organisation only.',
  })
  get(@CurrentActor() actor: Actor, @Query() query: IndicatorsQueryDto): Promise<IndicatorsResponse> {
    return this.indicators.indicators(actor, query);
  }

  @Get('export.csv')
  @RequirePermission(PERMISSIONS.indicatorsRead)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same indicators as CSV (Dutch headers, semicolon-separated, decimal comma)' })
  async csv(
    @CurrentActor() actor: Actor,
    @Query() query: IndicatorsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const result = await this.indicators.indicators(actor, query, 'csv');
    const provider = result.filters.provider
      ? ((await this.repo.organisationNames([result.filters.provider])).get(result.filters.provider) ?? null)
      : null;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="indicatoren-${result.filters.from}-${result.filters.to}.csv"`,
    );
    return indicatorsCsv(result, provider);
  }
}
