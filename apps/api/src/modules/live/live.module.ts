import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LiveAuthService } from './live-auth.service';
import { LiveGateway } from './live.gateway';
import { LiveService } from './live.service';

/**
 * Live co-editing channel (Socket.IO namespace `/live`). Global so any feature can inject LiveService to
 * publish its committed changes; the adapter that links API instances is set up in app.factory.ts.
 */
@Global()
@Module({ imports: [AuthModule], providers: [LiveGateway, LiveService, LiveAuthService], exports: [LiveService] })
export class LiveModule {}
