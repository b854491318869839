/** `'a', 'b'` for CHECK constraints built from the contract enums, so the database and the API agree. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
}

/**
 * The rows of an `UPDATE/DELETE ... RETURNING` run through `manager.query()`: TypeORM's postgres driver
 * answers those with `[rows, affectedCount]`, and a SELECT or INSERT with the rows alone.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
