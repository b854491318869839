import {
  type ActivateAccountRequest,
  type CreateUserRequest,
  type ListUsersQuery,
  MIN_PASSWORD_LENGTH,
  PROFESSIONAL_ROLES,
  ROLES,
  type Role,
  type UpdateUserRequest,
} from '@gezinsplan/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { queryBoolean } from '../../../common/http/query';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const ROLE_MESSAGE = `role must be one of the professional roles: ${PROFESSIONAL_ROLES.join(', ')}`;

export class ListUsersQueryDto implements ListUsersQuery {
  @ApiPropertyOptional({ description: 'Part of the e-mail address or name' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  active?: boolean;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'j.peeters@kerkrade.example' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({ require_tld: false }, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Jeroen Peeters' })
  @Transform(trim)
  @IsString()
  @Length(2, 120, { message: 'displayName must be 2 to 120 characters' })
  displayName!: string;

  @ApiProperty({ enum: PROFESSIONAL_ROLES })
  @IsIn(PROFESSIONAL_ROLES, { message: ROLE_MESSAGE })
  role!: Role;

  @ApiProperty()
  @IsUUID()
  organisationId!: string;

  @ApiPropertyOptional({ nullable: true, description: 'A team of the same organisation' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  teamId?: string | null;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 120, { message: 'displayName must be 2 to 120 characters' })
  displayName?: string;

  @ApiPropertyOptional({ enum: PROFESSIONAL_ROLES })
  @IsOptional()
  @IsIn(PROFESSIONAL_ROLES, { message: ROLE_MESSAGE })
  role?: Role;

  @ApiPropertyOptional({ nullable: true, description: 'A team of the same organisation; null for none' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  teamId?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates the account and ends all its sessions' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ActivateAccountDto implements ActivateAccountRequest {
  @ApiProperty({ description: 'The one-time activation token from the admin' })
  @IsString()
  @Length(20, 200)
  token!: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, description: 'A password of your own choosing' })
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, 256, {
    message: `password must be at least ${MIN_PASSWORD_LENGTH} characters`,
  })
  password!: string;
}
