import {
  type ChangePasswordRequest,
  type DisableSecondFactorRequest,
  type EnrolmentLoginRequest,
  MIN_PASSWORD_LENGTH,
  type SecondFactorLoginRequest,
  type TotpCodeRequest,
} from '@gezinsplan/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

const CODE = /^\s*\d{3}\s?\d{3}\s*$/;
const RECOVERY = /^[A-Za-z0-9-]{12,20}$/;

export class MfaTokenDto implements EnrolmentLoginRequest {
  @ApiProperty({ description: 'The mfaToken of the login answer' })
  @IsString()
  @Length(20, 2000)
  mfaToken!: string;
}

export class EnrolmentConfirmLoginDto extends MfaTokenDto implements EnrolmentLoginRequest {
  @ApiProperty({ example: '123456', description: 'The first code of the authenticator app' })
  @IsString()
  @Matches(CODE, { message: 'code must be 6 digits' })
  code!: string;
}

export class SecondFactorLoginDto extends MfaTokenDto implements SecondFactorLoginRequest {
  @ApiPropertyOptional({ example: '123456', description: 'A code of the authenticator app (or recoveryCode)' })
  @ValidateIf((o: SecondFactorLoginDto) => o.recoveryCode === undefined || o.code !== undefined)
  @IsString()
  @Matches(CODE, { message: 'code must be 6 digits' })
  code?: string;

  @ApiPropertyOptional({ example: 'abcd-efgh-jkmn', description: 'A one-time recovery code (instead of code)' })
  @ValidateIf((o: SecondFactorLoginDto) => o.code === undefined || o.recoveryCode !== undefined)
  @IsString()
  @Matches(RECOVERY, { message: 'recoveryCode must be a recovery code like abcd-efgh-jkmn' })
  recoveryCode?: string;
}

export class TotpCodeDto implements TotpCodeRequest {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(CODE, { message: 'code must be 6 digits' })
  code!: string;
}

export class DisableSecondFactorDto implements DisableSecondFactorRequest {
  @ApiProperty({ description: 'Your current password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword!: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, 256, { message: `newPassword must be at least ${MIN_PASSWORD_LENGTH} characters` })
  newPassword!: string;
}
