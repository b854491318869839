import { SSO_CLAIMS, type SsoClaim, type SsoConfigRequest } from '@gezinsplan/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * An issuer is https, or plain http on a loopback address only (a local test IdP): the ID token and the client
 * secret must never cross a network unencrypted.
 */
export const ISSUER_PATTERN =
  /^(https:\/\/[^\s/?#]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?)(\/[^\s?#]*)?$/;

export class SsoConfigDto implements SsoConfigRequest {
  @ApiProperty({ example: 'https://login.microsoftonline.com/<tenant-id>/v2.0' })
  @Transform(trim)
  @IsString()
  @Length(8, 500)
  @Matches(ISSUER_PATTERN, { message: 'issuer must be an https URL (http only on localhost), without query' })
  issuer!: string;

  @ApiProperty({ example: 'gezinsplan' })
  @Transform(trim)
  @IsString()
  @Length(1, 200, { message: 'clientId must be 1 to 200 characters' })
  clientId!: string;

  @ApiPropertyOptional({ description: 'Write-only. Required the first time; omit to keep the stored secret.' })
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: 'clientSecret must be 1 to 500 characters' })
  clientSecret?: string;

  @ApiProperty()
  @IsBoolean()
  enabled!: boolean;

  @ApiPropertyOptional({ enum: SSO_CLAIMS, default: 'email' })
  @IsOptional()
  @IsIn(SSO_CLAIMS)
  claim?: SsoClaim;
}
