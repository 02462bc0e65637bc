import { ControlError } from './http-types.js';

/** Small readers for control-API bodies: each throws a 400 with a readable message. */
export function requiredString(input: Record<string, unknown>, key: string): string {
  const value = input[key];
  if (typeof value !== 'string' || value.length === 0) throw new ControlError(400, `\`${key}\` is required`);
  return value;
}

export function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ControlError(400, `\`${key}\` must be a string`);
  return value;
}

export function optionalBoolean(input: Record<string, unknown>, key: string): boolean | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new ControlError(400, `\`${key}\` must be a boolean`);
  return value;
}

export function optionalNumber(input: Record<string, unknown>, key: string): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ControlError(400, `\`${key}\` must be a number`);
  return value;
}

export function missing(key: string): never {
  throw new ControlError(400, `\`${key}\` is required`);
}
