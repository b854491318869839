import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { SecondFactorService } from './second-factor.service';
import { SessionCheck } from './session-check.service';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({ inject: [ENV], useFactory: (env: Env) => ({ secret: env.JWT_SECRET }) }),
    ThrottlerModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => [{ name: 'login', ttl: 60_000, limit: env.LOGIN_RATE_LIMIT_PER_MINUTE }],
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, JwtStrategy, SecondFactorService, SessionCheck],
  exports: [AuthService, SessionCheck],
})
export class AuthModule {}
