/** A parsed JSON value as an object, or undefined when it is an array, a primitive or null. */
export function jsonObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
