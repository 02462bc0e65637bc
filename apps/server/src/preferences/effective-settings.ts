import {
  CHANNEL_SETTING_KEYS,
  type ChannelOverrides,
  type ChannelSettings,
  type DepartmentSettings,
} from '#contracts';
import { DEFAULT_SETTINGS } from './preference-defaults.js';

/**
 * What applies on a channel: each setting the channel overrides replaces its department's (whole: an idle
 * rule overridden is the channel's idle rule, not a mix); business hours are the department's.
 */
export function effectiveSettings(
  department: DepartmentSettings | null,
  overrides: ChannelOverrides | null,
): DepartmentSettings {
  const base = department ?? DEFAULT_SETTINGS;
  if (!overrides) return base;
  const result: DepartmentSettings = { ...base };
  for (const key of CHANNEL_SETTING_KEYS) {
    if (overrides[key] !== undefined) assign(result, key, overrides[key]);
  }
  return result;
}

function assign<K extends keyof ChannelSettings>(
  target: ChannelSettings,
  key: K,
  value: ChannelSettings[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
