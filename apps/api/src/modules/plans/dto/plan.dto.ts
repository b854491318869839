import {
  AGREEMENT_OWNER_TYPES,
  AGREEMENT_STATUSES,
  type AgreementOwnerType,
  type AgreementStatus,
  type AgreeVersionRequest,
  type ClosePlanRequest,
  type CreateCommentRequest,
  type CreateAgreementRequest,
  type CreateGoalRequest,
  type CreateProgressRequest,
  GOAL_STATUSES,
  type GoalStatus,
  type HandoverRequest,
  LIFE_DOMAINS,
  type LifeDomain,
  PLAN_PDF_LANGUAGES,
  type PlanPdfLanguage,
  type UpdateAgreementRequest,
  type UpdateGoalRequest,
  type UpdatePlanRequest,
  type UpdateSectionRequest,
} from '@gezinsplan/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = { strict: true, strictSeparator: true };

export class UpdatePlanDto implements UpdatePlanRequest {
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2027-03-01',
    nullable: true,
    description: 'When the plan is evaluated',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601(DATE, { message: 'evaluationDate must be a date (YYYY-MM-DD)' })
  evaluationDate?: string | null;

  @ApiPropertyOptional({ enum: ['in_progress', 'evaluated'], description: 'agreed -> in_progress -> evaluated' })
  @IsOptional()
  @IsIn(['in_progress', 'evaluated'])
  status?: 'in_progress' | 'evaluated';
}

export class UpdateSectionDto implements UpdateSectionRequest {
  @ApiProperty({ description: "The section in the family's own words" })
  @IsString()
  @Length(0, 10_000)
  content!: string;

  @ApiPropertyOptional({ type: [String], description: 'Organisation ids that may read it; empty: everyone' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  restrictedTo?: string[];
}

export class CreateGoalDto implements CreateGoalRequest {
  @ApiProperty({ example: 'Noah gaat weer elke dag naar school' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({ enum: LIFE_DOMAINS })
  @IsIn(LIFE_DOMAINS)
  lifeDomain!: LifeDomain;

  @ApiPropertyOptional({ example: '2027-06-30' })
  @IsOptional()
  @IsISO8601(DATE, { message: 'targetDate must be a date (YYYY-MM-DD)' })
  targetDate?: string;

  @ApiPropertyOptional({ type: [String], description: 'Family members it concerns; empty: the whole family' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  memberIds?: string[];

  @ApiPropertyOptional({ example: 'daytime_activities' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  zrmDomain?: string;

  @ApiPropertyOptional({ description: 'GI only: a safety condition others cannot remove while the measure lasts' })
  @IsOptional()
  @IsBoolean()
  safetyCondition?: boolean;
}

export class UpdateGoalDto implements UpdateGoalRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  title?: string;

  @ApiPropertyOptional({ enum: LIFE_DOMAINS })
  @IsOptional()
  @IsIn(LIFE_DOMAINS)
  lifeDomain?: LifeDomain;

  @ApiPropertyOptional({ description: 'New position in the order of approach (1 = first)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  priority?: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601(DATE, { message: 'targetDate must be a date (YYYY-MM-DD)' })
  targetDate?: string | null;

  @ApiPropertyOptional({ enum: GOAL_STATUSES })
  @IsOptional()
  @IsIn(GOAL_STATUSES)
  status?: GoalStatus;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  memberIds?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 60)
  zrmDomain?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  safetyCondition?: boolean;
}

export class ProposeGoalDto {
  @ApiProperty({ example: 'Meer rust in huis na school' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({ enum: LIFE_DOMAINS })
  @IsIn(LIFE_DOMAINS)
  lifeDomain!: LifeDomain;
}

export class CreateAgreementDto implements CreateAgreementRequest {
  @ApiProperty({ example: 'Opa haalt Lotte op dinsdag en donderdag van school' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  description!: string;

  @ApiProperty({ enum: AGREEMENT_OWNER_TYPES })
  @IsIn(AGREEMENT_OWNER_TYPES)
  ownerType!: AgreementOwnerType;

  @ApiPropertyOptional({ description: 'Id of the family member, network member, organisation or user' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ example: 'Opa Jan', description: 'Who, in words (required without ownerId)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  ownerLabel?: string;

  @ApiPropertyOptional({ example: '2027-01-15' })
  @IsOptional()
  @IsISO8601(DATE, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  dueDate?: string;
}

export class UpdateAgreementDto implements UpdateAgreementRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  description?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601(DATE, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  dueDate?: string | null;

  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES })
  @IsOptional()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;
}

export class CreateProgressDto implements CreateProgressRequest {
  @ApiProperty({ example: 'Noah was deze week vier van de vijf dagen op school.' })
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  note!: string;

  @ApiProperty({ minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  score!: number;

  @ApiPropertyOptional({ example: '2026-11-20' })
  @IsOptional()
  @IsISO8601(DATE, { message: 'notedOn must be a date (YYYY-MM-DD)' })
  notedOn?: string;

  @ApiPropertyOptional({ type: [String], description: 'Organisation ids that may read it; empty: everyone' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  restrictedTo?: string[];
}

export class AgreeVersionDto implements AgreeVersionRequest {
  @ApiProperty({ description: 'The plan revision you looked at (from GET …/plan)' })
  @IsInt()
  @Min(1)
  revision!: number;

  @ApiPropertyOptional({ description: "Required when the regisseur approves on the family's behalf" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  onBehalfReason?: string;
}

export class HandoverDto implements HandoverRequest {
  @ApiProperty({ description: 'The user who becomes regisseur' })
  @IsUUID()
  toUserId!: string;

  @ApiProperty({ example: 'Moeder neemt de regie zelf over' })
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  reason!: string;
}

export class ClosePlanDto implements ClosePlanRequest {
  @ApiProperty({ example: 'De doelen zijn bereikt; het gezin redt zich weer zelf' })
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  reason!: string;

  @ApiProperty({ example: 'Huisarts en wijkteam Heerlen-Noord', description: 'To whom the family is handed over' })
  @Transform(trim)
  @IsString()
  @Length(2, 500)
  handedOverTo!: string;
}

export class CreateCommentDto implements CreateCommentRequest {
  @ApiProperty({ example: 'Dit gaat al veel beter, maar vrijdag blijft lastig.' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  text!: string;
}

export class PlanPdfQueryDto {
  @ApiPropertyOptional({ enum: PLAN_PDF_LANGUAGES, default: 'nl', description: 'Language of the labels' })
  @IsOptional()
  @IsIn(PLAN_PDF_LANGUAGES)
  lang: PlanPdfLanguage = 'nl';
}
