import {
  type CloseFamilyRequest,
  type CreateDestructionRequest,
  DESTRUCTION_REFUSAL_REASONS,
  DESTRUCTION_SCOPES,
  type DestructionDecisionRequest,
  type DestructionRefusalReason,
  type DestructionScope,
} from '@gezinsplan/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = { strict: true, strictSeparator: true };

export class CloseFamilyDto implements CloseFamilyRequest {
  @ApiProperty({ example: '2026-11-01', description: 'The date the help ended (not in the future)' })
  @IsString()
  @Length(10, 10, { message: 'helpEndedOn must be a date (YYYY-MM-DD)' })
  @IsISO8601(DATE, { message: 'helpEndedOn must be a date (YYYY-MM-DD)' })
  helpEndedOn!: string;

  @ApiPropertyOptional({ description: 'A child-protection measure file; derived (GI involved) when omitted' })
  @IsOptional()
  @IsBoolean()
  childProtection?: boolean;
}

export class CreateDestructionRequestDto implements CreateDestructionRequest {
  @ApiPropertyOptional({ enum: DESTRUCTION_SCOPES })
  @IsOptional()
  @IsIn(DESTRUCTION_SCOPES)
  scope?: DestructionScope;

  @ApiPropertyOptional({ example: 'De hulp is klaar en we willen niet dat dit bewaard blijft.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 2000)
  explanation?: string;
}

export class DestructionDecisionDto implements DestructionDecisionRequest {
  @ApiProperty({ enum: ['granted', 'refused'] })
  @IsIn(['granted', 'refused'])
  decision!: 'granted' | 'refused';

  @ApiPropertyOptional({ enum: DESTRUCTION_REFUSAL_REASONS })
  @IsOptional()
  @IsIn(DESTRUCTION_REFUSAL_REASONS)
  reasonCode?: DestructionRefusalReason;

  @ApiPropertyOptional({ example: 'Er loopt een ondertoezichtstelling; het dossier moet bewaard blijven.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 2000)
  note?: string;
}
