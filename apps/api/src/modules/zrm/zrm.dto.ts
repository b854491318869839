import { type CreateZrmAssessmentRequest, ZRM_EDITIONS, type ZrmEdition } from '@gezinsplan/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsObject, IsUUID } from 'class-validator';

export class CreateZrmAssessmentDto implements CreateZrmAssessmentRequest {
  @ApiProperty({ description: 'The adult family member assessed' })
  @IsUUID()
  memberId!: string;

  @ApiProperty({ enum: ZRM_EDITIONS, description: 'zrm-11 (11 domains) or zrm-2017 (13 domains)' })
  @IsIn(ZRM_EDITIONS)
  edition!: ZrmEdition;

  @ApiProperty({ example: '2026-11-20' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'assessedOn must be a date (YYYY-MM-DD)' })
  assessedOn!: string;

  @ApiProperty({ example: { finances: 2, housing: 4 }, description: 'Every domain of the edition, each 1-5' })
  @IsObject()
  scores!: Record<string, number>;
}
