import type { UpdateFamilyRequest } from '@gezinsplan/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';

export class UpdateFamilyDto implements UpdateFamilyRequest {
  @ApiPropertyOptional({
    example: 'Gezin De Vries',
    description: 'How the family is named in worklists (1-120 characters)',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 120, { message: 'displayName must be 1 to 120 characters' })
  displayName?: string;
}
