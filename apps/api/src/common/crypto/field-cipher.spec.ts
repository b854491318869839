import { randomBytes } from 'node:crypto';
import { FieldCipher, isValidBsn } from './field-cipher';

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
