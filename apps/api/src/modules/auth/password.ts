import * as argon2 from 'argon2';

/** argon2id with OWASP's minimum settings (19 MiB, 2 passes). */
export const PASSWORD_HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, PASSWORD_HASH_OPTIONS);
