import { Global, Module, type DynamicModule } from '@nestjs/common';
import { FieldCipher } from '../common/crypto/field-cipher';
import type { Env } from './env';

export const ENV = Symbol('ENV');

/** Makes the validated environment injectable as `@Inject(ENV) env: Env`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: Env): DynamicModule {
    const cipher = { provide: FieldCipher, useFactory: () => new FieldCipher(env.FIELD_ENCRYPTION_KEY as string) };
    return { module: ConfigModule, providers: [{ provide: ENV, useValue: env }, cipher], exports: [ENV, FieldCipher] };
  }
}
