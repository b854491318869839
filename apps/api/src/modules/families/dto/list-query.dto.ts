import {
  type ListFamiliesQuery,
  PLAN_STATUSES,
  type PlanStatus,
  WORKLIST_SORTS,
  type WorklistSort,
  ZUID_LIMBURG_MUNICIPALITIES,
  municipalityFrom,
} from '@gezinsplan/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { queryBoolean } from '../../../common/http/query';

export class PageQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}

export class ListFamiliesQueryDto extends PageQueryDto implements ListFamiliesQuery {
  @ApiPropertyOptional({ description: 'Part of the family name' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  q?: string;

  @ApiPropertyOptional({
    description: 'Municipality by name or CBS code (e.g. Heerlen or GM0917), one of the Zuid-Limburg region',
    example: 'Heerlen',
  })
  @IsOptional()
  // A CBS code (GM0917) or any letter case becomes the municipality's name; anything else is refused below.
  @Transform(({ value }) => (typeof value === 'string' ? (municipalityFrom(value) ?? value) : value))
  @IsString()
  @IsIn(ZUID_LIMBURG_MUNICIPALITIES, {
    message: 'municipality must be a municipality of Zuid-Limburg (name or CBS code)',
  })
  municipality?: string;

  @ApiPropertyOptional({ enum: PLAN_STATUSES, description: 'Status of the living plan' })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  planStatus?: PlanStatus;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only families flagged "1G1P1R nodig"' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  needsOnePlan?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only families with open agreements past their due date' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only families whose plan evaluation is within 14 days (or past) and not done',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  evaluationDue?: boolean;

  @ApiPropertyOptional({
    enum: WORKLIST_SORTS,
    default: 'attention',
    description: 'attention: overdue, evaluation due, 1G1P1R needed, draft plan, then name',
  })
  @IsOptional()
  @IsIn(WORKLIST_SORTS)
  sort: WorklistSort = 'attention';
}

/** The family's access log (NEN 7513): a period (from/to, a date or a moment, ISO 8601) and paging. */
export class AccessLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'From this moment or date (inclusive), ISO 8601', example: '2026-03-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD) or an ISO 8601 moment' })
  from?: string;

  @ApiPropertyOptional({
    description: 'Up to this moment, or to the end of this date, ISO 8601',
    example: '2026-03-31',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD) or an ISO 8601 moment' })
  to?: string;

  @ApiPropertyOptional({ enum: ['desc', 'asc'], default: 'desc', description: 'desc: newest first' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';
}
