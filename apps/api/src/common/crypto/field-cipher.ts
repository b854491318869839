import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A key of the key ring: a short id (stored with every value) and 32 bytes for AES-256-GCM. */
export interface FieldKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const B64URL = '[A-Za-z0-9_-]';
const V1 = new RegExp(`^v1:${B64URL}+:${B64URL}+:${B64URL}*$`);
const V2 = new RegExp(`^v2:[A-Za-z0-9_-]{1,32}:${B64URL}+:${B64URL}+:${B64URL}*$`);

/** The id the single legacy key (FIELD_ENCRYPTION_KEY) gets in the ring when no ids are configured. */
export const LEGACY_KEY_ID = 'k0';

/**
 * Parses `FIELD_ENCRYPTION_KEYS` ("k2:<base64>,k1:<base64>": the first encrypts, all decrypt) and/or the legacy
 * single `FIELD_ENCRYPTION_KEY` (added last, id `k0`, decrypt-only when FIELD_ENCRYPTION_KEYS is set too).
 */
export function parseFieldKeys(keys: string | undefined, legacyKey: string | undefined): FieldKey[] {
  const ring: FieldKey[] = [];
  for (const part of (keys ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.indexOf(':');
    const id = at > 0 ? part.slice(0, at) : '';
    if (!KEY_ID.test(id)) throw new Error('FIELD_ENCRYPTION_KEYS entries must look like <id>:<base64 key>');
    const key = Buffer.from(part.slice(at + 1), 'base64');
    if (key.length !== 32) throw new Error(`FIELD_ENCRYPTION_KEYS key ${id} must be 32 bytes, base64-encoded`);
    if (ring.some((k) => k.id === id)) throw new Error(`FIELD_ENCRYPTION_KEYS has key id ${id} twice`);
    ring.push({ id, key });
  }
  if (legacyKey) {
    const key = Buffer.from(legacyKey, 'base64');
    if (key.length !== 32) throw new Error('FIELD_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
    if (!ring.some((k) => k.key.equals(key))) ring.push({ id: LEGACY_KEY_ID, key });
  }
  if (ring.length === 0) throw new Error('Set FIELD_ENCRYPTION_KEYS (or FIELD_ENCRYPTION_KEY)');
  return ring;
}

/**
 * Encrypts sensitive fields (citizen service numbers, free-text notes) at rest with AES-256-GCM, one random IV per
 * value, no per-value key derivation (the keys are imported once). Stored form:
 * `v2:<keyId>:<iv>:<tag>:<ciphertext>` (base64url). The first key of the ring encrypts; every key decrypts, so
 * a new key can be put in front and the old values re-encrypted later (`cli.js rotate-keys`). Values of the
 * first format, `v1:<iv>:<tag>:<ciphertext>` (no key id), are still read: every key is tried, the GCM tag tells
 * which one fits.
 */
export class FieldCipher {
  private readonly ring: FieldKey[];

  /** A base64 key (the legacy single key) or a ready key ring. */
  constructor(keys: string | FieldKey[]) {
    this.ring = typeof keys === 'string' ? parseFieldKeys(undefined, keys) : [...keys];
    if (this.ring.length === 0 || this.ring.some((k) => k.key.length !== 32)) {
      throw new Error('FIELD_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
    }
  }

  /** The id of the key that encrypts new values. */
  get currentKeyId(): string {
    return this.ring[0].id;
  }

  encrypt(plain: string): string {
    const { id, key } = this.ring[0];
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      'v2',
      id,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      data.toString('base64url'),
    ].join(':');
  }

  decrypt(stored: string): string {
    const parts = stored.split(':');
    if (parts[0] === 'v2' && parts.length === 5) {
      const key = this.ring.find((k) => k.id === parts[1]);
      if (!key) throw new Error(`Encrypted with key ${parts[1]}, which is not configured`);
      return open(key.key, parts[2], parts[3], parts[4]);
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      for (const { key } of this.ring) {
        try {
          return open(key, parts[1], parts[2], parts[3]);
        } catch {
          // not this key: try the next one
        }
      }
      throw new Error('No configured key decrypts this value');
    }
    throw new Error('Unknown encrypted field format');
  }

  /** Whether a stored value has one of the encrypted forms (anything else is legacy plain text). */
  static isEncrypted(stored: string): boolean {
    return V2.test(stored) || V1.test(stored);
  }

  /** Whether the value is encrypted with the current key (rotation skips those). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`v2:${this.currentKeyId}:`) && V2.test(stored);
  }

  /** Encrypts a free-text note; null stays null. */
  seal(plain: string): string;
  seal(plain: string | null): string | null;
  seal(plain: string | null): string | null {
    return plain === null ? null : this.encrypt(plain);
  }

  /**
   * Reads a free-text note column: encrypted values are decrypted; a value that is not in an encrypted form is
   * plain text written before notes were encrypted (until `encrypt-notes` ran) and is returned as it is.
   */
  open(stored: string): string;
  open(stored: string | null): string | null;
  open(stored: string | null): string | null {
    if (stored === null) return null;
    return FieldCipher.isEncrypted(stored) ? this.decrypt(stored) : stored;
  }
}

function open(key: Buffer, iv: string, tag: string, data: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** The Dutch citizen service number (BSN): 9 digits passing the "elfproef" (11-test). */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, d, i) => acc + d * (9 - i), 0) - digits[8];
  return sum % 11 === 0 && value !== '000000000';
}
