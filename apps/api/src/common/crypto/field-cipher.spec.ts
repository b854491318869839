import { randomBytes } from 'node:crypto';
import { createCipheriv } from 'node:crypto';
import { FieldCipher, isValidBsn, parseFieldKeys } from './field-cipher';

describe('field encryption', () => {
  const cipher = new FieldCipher(randomBytes(32).toString('base64'));

  it('round-trips, with a fresh IV each time so equal values do not look equal', () => {
    const a = cipher.encrypt('111222333');
    const b = cipher.encrypt('111222333');
    expect(a).not.toBe(b);
    expect(a).not.toContain('111222333');
    expect(cipher.decrypt(a)).toBe('111222333');
  });

  it('refuses a tampered value and a wrong key', () => {
    const stored = cipher.encrypt('111222333');
    const parts = stored.split(':');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => cipher.decrypt([...parts.slice(0, 3), flipped.toString('base64url')].join(':'))).toThrow();
    expect(() => new FieldCipher(randomBytes(32).toString('base64')).decrypt(stored)).toThrow();
    expect(() => new FieldCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it('checks citizen service numbers with the 11-test', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('12345678')).toBe(false);
    expect(isValidBsn('00000000a')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
  });
});

describe('key ring and rotation', () => {
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');

  /** A value in the first stored form, `v1:iv:tag:data` (no key id), as written before key rotation existed. */
  function legacyV1(key: string, plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
    const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return ['v1', iv, c.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join(':');
  }

  it('encrypts with the first key, stores its id, and decrypts with any key of the ring', () => {
    const old = new FieldCipher(parseFieldKeys(`k1:${k1}`, undefined));
    const stored = old.encrypt('Notitie');
    expect(stored.startsWith('v2:k1:')).toBe(true);
    const rotated = new FieldCipher(parseFieldKeys(`k2:${k2},k1:${k1}`, undefined));
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.decrypt(stored)).toBe('Notitie');
    expect(rotated.isCurrent(stored)).toBe(false);
    expect(rotated.isCurrent(rotated.encrypt('x'))).toBe(true);
    expect(() => new FieldCipher(parseFieldKeys(`k2:${k2}`, undefined)).decrypt(stored)).toThrow(/k1/);
  });

  it('keeps reading v1 values of the single FIELD_ENCRYPTION_KEY (key k0) beside a ring', () => {
    const v1 = legacyV1(k1, '111222333');
    const ring = new FieldCipher(parseFieldKeys(`k2:${k2}`, k1));
    expect(ring.decrypt(v1)).toBe('111222333');
    expect(ring.currentKeyId).toBe('k2');
    expect(new FieldCipher(k1).currentKeyId).toBe('k0');
    expect(() => new FieldCipher(k2).decrypt(v1)).toThrow();
  });

  it('tells plain text (legacy notes) from encrypted values and opens both', () => {
    const c = new FieldCipher(k1);
    expect(FieldCipher.isEncrypted(c.encrypt('a'))).toBe(true);
    expect(FieldCipher.isEncrypted(legacyV1(k1, 'a'))).toBe(true);
    expect(FieldCipher.isEncrypted('v2: gewoon een zin met een dubbele punt')).toBe(false);
    expect(c.open('Gewone tekst')).toBe('Gewone tekst');
    expect(c.open(null)).toBeNull();
    expect(c.open(c.seal('Geheim'))).toBe('Geheim');
  });

  it('refuses malformed key rings', () => {
    expect(() => parseFieldKeys(`${k1}`, undefined)).toThrow(/<id>:<base64 key>/);
    expect(() => parseFieldKeys(`k1:${randomBytes(16).toString('base64')}`, undefined)).toThrow(/32 bytes/);
    expect(() => parseFieldKeys(`k1:${k1},k1:${k2}`, undefined)).toThrow(/twice/);
    expect(() => parseFieldKeys('', undefined)).toThrow(/FIELD_ENCRYPTION_KEYS/);
  });
});
