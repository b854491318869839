import { Global, Module, type DynamicModule } from '@nestjs/common';
import { FieldCipher, parseFieldKeys } from '../common/crypto/field-cipher';
import type { Env } from './env';

export const ENV = Symbol('ENV');

/** Makes the validated environment injectable as `@Inject(ENV) env: Env`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: Env): DynamicModule {
    const cipher = { provide: FieldCipher, useFactory: () => cipherFor(env) };
    return { module: ConfigModule, providers: [{ provide: ENV, useValue: env }, cipher], exports: [ENV, FieldCipher] };
  }
}

/** The field cipher of a configuration: the FIELD_ENCRYPTION_KEYS ring plus the single FIELD_ENCRYPTION_KEY. */
export function cipherFor(env: Pick<Env, 'FIELD_ENCRYPTION_KEY' | 'FIELD_ENCRYPTION_KEYS'>): FieldCipher {
  return new FieldCipher(parseFieldKeys(env.FIELD_ENCRYPTION_KEYS, env.FIELD_ENCRYPTION_KEY));
}
