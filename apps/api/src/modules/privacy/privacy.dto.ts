import {
  type AnswerCorrectionRequest,
  CORRECTION_ITEM_TYPES,
  type CorrectionItemType,
  type CreateCorrectionRequest,
  type RequestEmergencyAccess,
} from '@gezinsplan/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCorrectionRequestDto implements CreateCorrectionRequest {
  @ApiProperty({ description: 'What is wrong, in your own words', maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  whatIsWrong!: string;

  @ApiProperty({ description: 'What it should be', maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  shouldBe!: string;

  @ApiPropertyOptional({ enum: CORRECTION_ITEM_TYPES })
  @IsOptional()
  @IsIn(CORRECTION_ITEM_TYPES)
  itemType?: CorrectionItemType;

  @ApiPropertyOptional({ description: 'The id of the item, when known' })
  @IsOptional()
  @IsUUID()
  itemId?: string;
}

export class AnswerCorrectionRequestDto implements AnswerCorrectionRequest {
  @ApiProperty({ enum: ['granted', 'refused'] })
  @IsIn(['granted', 'refused'])
  decision!: 'granted' | 'refused';

  @ApiProperty({ description: 'Granted: what was changed. Refused: the reason.', maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  answer!: string;
}

export class RequestEmergencyAccessDto implements RequestEmergencyAccess {
  @ApiProperty({ description: 'Citizen service number (BSN) of a member of the family', example: '111222333' })
  @IsString()
  @Matches(/^\d{9}$/, { message: 'citizenServiceNumber must be 9 digits' })
  citizenServiceNumber!: string;

  @ApiProperty({ description: "That member's date of birth", example: '2012-05-01' })
  @IsISO8601({ strict: true }, { message: 'birthDate must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date (YYYY-MM-DD)' })
  birthDate!: string;

  @ApiProperty({ description: 'Why you need access now (at least 10 characters)', maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @MinLength(10, { message: 'reason must say why you need access (at least 10 characters)' })
  @MaxLength(1000)
  reason!: string;
}
