import { AppError } from '../errors/app-error';
import { etagFor, expectedVersion } from './concurrency';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
  }
  throw new Error('expected an AppError');
}

describe('If-Match parsing', () => {
  it('round-trips the ETag it produces', () => {
    expect(expectedVersion(etagFor(3))).toBe(3);
    expect(expectedVersion('W/"12"')).toBe(12);
    expect(expectedVersion('  "7" ')).toBe(7);
  });

  it('answers 428 when If-Match is missing', () => {
    const e = errorOf(() => expectedVersion(undefined));
    expect([e.statusCode, e.code]).toEqual([428, 'PRECONDITION_REQUIRED']);
    expect(errorOf(() => expectedVersion('')).statusCode).toBe(428);
  });

  it.each(['3', '*', '"abc"', '"3", "4"', '"-1"', '"1234567890"'])('answers 400 for If-Match %s', (value) => {
    const e = errorOf(() => expectedVersion(value));
    expect([e.statusCode, e.code]).toEqual([400, 'INVALID_PRECONDITION']);
  });
});
