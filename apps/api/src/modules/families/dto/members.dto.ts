import {
  type CreateMemberRequest,
  type CreateNetworkMemberRequest,
  MEMBER_ROLES,
  type MemberRole,
  type SharingRequest,
} from '@gezinsplan/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateMemberDto implements CreateMemberRequest {
  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;

  @ApiProperty({ example: 'Emma Moreau' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '2014-03-09' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'birthDate must be a date (YYYY-MM-DD)' })
  birthDate!: string;

  @ApiPropertyOptional({ description: 'Parent/carer: custody (gezag) of all children now in the family' })
  @IsOptional()
  @IsBoolean()
  hasCustody?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Parent/carer: custody of these children only' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  custodyOf?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Child: the parents/carers who have custody' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  custodyHolders?: string[];

  @ApiPropertyOptional({
    example: '111222333',
    description: 'Burgerservicenummer; stored encrypted, shown only to the access team',
  })
  @IsOptional()
  @IsString()
  citizenServiceNumber?: string;
}

export class SharingDto implements SharingRequest {
  @ApiProperty({ description: 'Whether your parents may see your data (goals about you)' })
  @IsBoolean()
  sharesWithParents!: boolean;
}

export class CreateNetworkMemberDto implements CreateNetworkMemberRequest {
  @ApiProperty({ example: 'Oma Ria' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'grootmoeder' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  relation!: string;

  @ApiPropertyOptional({ example: '06-12345678' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  contact?: string;
}
