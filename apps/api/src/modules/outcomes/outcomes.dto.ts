import {
  ARRANGEMENT_TYPES,
  type ArrangementType,
  type CreateAllocationRequest,
  type CreateComplaintRequest,
  type CreateEvaluationRequest,
  GOAL_OUTCOMES,
  type GoalOutcome,
  IJW_STOP_REASONS,
  type IjwStopReason,
  type IndicatorsQuery,
  type SatisfactionRequest,
  type UpdateAllocationRequest,
} from '@gezinsplan/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = { strict: true, strictSeparator: true };
const dateMessage = (field: string) => ({ message: `${field} must be a date (YYYY-MM-DD)` });

export class CreateAllocationDto implements CreateAllocationRequest {
  @ApiProperty({ description: 'The child (family member) the help is for' })
  @IsUUID()
  youthMemberId!: string;

  @ApiProperty({ description: 'The provider or GI organisation' })
  @IsUUID()
  providerId!: string;

  @ApiProperty({ enum: ARRANGEMENT_TYPES })
  @IsIn(ARRANGEMENT_TYPES)
  arrangement!: ArrangementType;

  @ApiProperty({
    type: [String],
    description: "Goals of the family's plan it serves (at least one, except crisis help)",
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  goalIds!: string[];

  @ApiProperty({ example: '2026-11-02', description: 'Aanvraag (JW315)' })
  @IsISO8601(DATE, dateMessage('requestDate'))
  requestDate!: string;

  @ApiPropertyOptional({ example: '2026-11-06', description: 'Beschikking (JW301)' })
  @IsOptional()
  @IsISO8601(DATE, dateMessage('decisionDate'))
  decisionDate?: string;

  @ApiPropertyOptional({ example: '2027-05-01' })
  @IsOptional()
  @IsISO8601(DATE, dateMessage('plannedEndDate'))
  plannedEndDate?: string;
}

export class UpdateAllocationDto implements UpdateAllocationRequest {
  @ApiPropertyOptional({ description: 'Access team' })
  @IsOptional()
  @IsISO8601(DATE, dateMessage('requestDate'))
  requestDate?: string;

  @ApiPropertyOptional({ nullable: true, description: 'Access team: the decision (JW301)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601(DATE, dateMessage('decisionDate'))
  decisionDate?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Access team' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601(DATE, dateMessage('plannedEndDate'))
  plannedEndDate?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Access team: the plan goals it serves' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  goalIds?: string[];

  @ApiPropertyOptional({ description: 'Provider: start of care (JW305)' })
  @IsOptional()
  @IsISO8601(DATE, dateMessage('startDate'))
  startDate?: string;

  @ApiPropertyOptional({ description: 'Provider: end of care (JW307), with endReason' })
  @IsOptional()
  @IsISO8601(DATE, dateMessage('endDate'))
  endDate?: string;

  @ApiPropertyOptional({ enum: IJW_STOP_REASONS, description: 'iJw reden beëindiging (JZ588); 32-35 = uitval' })
  @IsOptional()
  @IsIn(IJW_STOP_REASONS)
  endReason?: IjwStopReason;
}

export class SatisfactionDto implements SatisfactionRequest {
  @ApiProperty({ minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  score!: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 2000)
  remark?: string;
}

export class EvaluationGoalDto {
  @ApiProperty()
  @IsUUID()
  goalId!: string;

  @ApiProperty({ enum: GOAL_OUTCOMES })
  @IsIn(GOAL_OUTCOMES)
  outcome!: GoalOutcome;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 2000)
  note?: string;
}

export class CreateEvaluationDto implements CreateEvaluationRequest {
  @ApiProperty({ example: '2027-03-15' })
  @IsISO8601(DATE, dateMessage('evaluatedOn'))
  evaluatedOn!: string;

  @ApiProperty({ type: [EvaluationGoalDto], description: 'One outcome per goal evaluated (at least one)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvaluationGoalDto)
  goals!: EvaluationGoalDto[];

  @ApiPropertyOptional({ type: SatisfactionDto, description: 'Recorded by the professional with the family' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SatisfactionDto)
  satisfaction?: SatisfactionDto;
}

export class CreateComplaintDto implements CreateComplaintRequest {
  @ApiProperty({ example: '2026-11-20' })
  @IsISO8601(DATE, dateMessage('receivedOn'))
  receivedOn!: string;

  @ApiProperty({ example: 'Lange wachttijd voor de start van de hulp' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  subject!: string;
}

export class IndicatorsQueryDto implements IndicatorsQuery {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'First day of the period (default: one year before `to`)',
  })
  @IsOptional()
  @IsISO8601(DATE, dateMessage('from'))
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day of the period (default: today)' })
  @IsOptional()
  @IsISO8601(DATE, dateMessage('to'))
  to?: string;

  @ApiPropertyOptional({ example: 'Heerlen' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  municipality?: string;

  @ApiPropertyOptional({ description: 'Provider organisation id (forced to your own for providers)' })
  @IsOptional()
  @IsUUID()
  provider?: string;

  @ApiPropertyOptional({ enum: ARRANGEMENT_TYPES })
  @IsOptional()
  @IsIn(ARRANGEMENT_TYPES)
  arrangement?: ArrangementType;

  @ApiPropertyOptional({
    enum: ['month', 'quarter'],
    description: 'Trend interval (default: month, quarter over 2 years)',
  })
  @IsOptional()
  @IsIn(['month', 'quarter'])
  interval?: 'month' | 'quarter';
}
