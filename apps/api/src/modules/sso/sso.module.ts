import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SsoConfigService } from './sso-config.service';
import { SsoAdminController, SsoLoginController } from './sso.controller';
import { SsoLoginService } from './sso-login.service';

/** Single sign-on for professionals through their organisation's OpenID Connect identity provider. */
@Module({
  imports: [AuthModule],
  controllers: [SsoAdminController, SsoLoginController],
  providers: [SsoConfigService, SsoLoginService],
})
export class SsoModule {}
