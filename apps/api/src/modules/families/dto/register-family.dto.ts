import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterFamilyDto {
  @ApiProperty({ example: 'Gezin Moreau', description: 'Registered in your own municipality, with you as regisseur' })
  @Transform(trim)
  @IsString()
  @Length(1, 120, { message: 'displayName must be 1 to 120 characters' })
  displayName!: string;
}

export class InvolveOrganisationDto {
  @ApiProperty({ description: 'The organisation that becomes involved with the family' })
  @IsUUID()
  organisationId!: string;

  @ApiPropertyOptional({ example: 'Sanne de Vries', description: 'Who gave consent, if the family already did' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  consentGivenBy?: string;
}

export class GiveConsentDto {
  @ApiProperty({ example: 'Sanne de Vries', description: 'Who in the family gave consent' })
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  givenBy!: string;
}
