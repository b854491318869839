import {
  type CreateOrganisationRequest,
  type CreateTeamRequest,
  ORGANISATION_TYPES,
  type OrganisationType,
  type UpdateOrganisationRequest,
  ZUID_LIMBURG_MUNICIPALITIES,
  municipalityFrom,
} from '@gezinsplan/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A CBS code or any letter case becomes the municipality's name; anything else is refused by @IsIn. */
const toMunicipality = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? (municipalityFrom(value) ?? value) : value;
const MUNICIPALITY_MESSAGE = 'municipality must be a municipality of Zuid-Limburg (name or CBS code) or null';

export class CreateOrganisationDto implements CreateOrganisationRequest {
  @ApiProperty({ example: 'Gemeente Kerkrade – Toegangsteam Jeugd' })
  @Transform(trim)
  @IsString()
  @Length(2, 200, { message: 'name must be 2 to 200 characters' })
  name!: string;

  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES)
  type!: OrganisationType;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Kerkrade',
    description: 'For access teams: the municipality whose families they serve (name or CBS code)',
  })
  @IsOptional()
  @Transform(toMunicipality)
  @IsIn(ZUID_LIMBURG_MUNICIPALITIES, { message: MUNICIPALITY_MESSAGE })
  municipality?: string | null;
}

export class UpdateOrganisationDto implements UpdateOrganisationRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 200, { message: 'name must be 2 to 200 characters' })
  name?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES })
  @IsOptional()
  @IsIn(ORGANISATION_TYPES)
  type?: OrganisationType;

  @ApiPropertyOptional({ nullable: true, description: 'null removes it' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Transform(toMunicipality)
  @IsIn(ZUID_LIMBURG_MUNICIPALITIES, { message: MUNICIPALITY_MESSAGE })
  municipality?: string | null;
}

export class CreateTeamDto implements CreateTeamRequest {
  @ApiProperty({ example: 'Wijkteam Kerkrade-West' })
  @Transform(trim)
  @IsString()
  @Length(2, 120, { message: 'name must be 2 to 120 characters' })
  name!: string;
}
