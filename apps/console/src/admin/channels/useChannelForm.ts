import { useMemo, useState } from 'react';
import { channelFormErrors, type ChannelFormErrors, type ChannelFormValues } from './channel-rules';

export interface ChannelForm {
  values: ChannelFormValues;
  /** Every problem, whether shown yet or not. */
  errors: ChannelFormErrors;
  /** What to show by each field: its problem once the admin has left it, or tried to go on. */
  visibleError(field: keyof ChannelFormValues): string | null;
  set<K extends keyof ChannelFormValues>(field: K, value: ChannelFormValues[K]): void;
  touch(field: keyof ChannelFormValues): void;
  /** Shows the problems of these fields; returns the first one with a problem, if any. */
  check(fields: Array<keyof ChannelFormValues>): keyof ChannelFormValues | null;
  reset(values: ChannelFormValues): void;
}

export function useChannelForm(
  initial: ChannelFormValues,
  context: { secretsStored: boolean; hasStoredAesKey: boolean },
): ChannelForm {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<keyof ChannelFormValues, boolean>>>({});
  const { secretsStored, hasStoredAesKey } = context;
  const errors = useMemo(
    () => channelFormErrors(values, { secretsStored, hasStoredAesKey }),
    [values, secretsStored, hasStoredAesKey],
  );
  return {
    values,
    errors,
    visibleError: (field) => (touched[field] ? (errors[field] ?? null) : null),
    set: (field, value) => setValues((previous) => ({ ...previous, [field]: value })),
    touch: (field) => setTouched((previous) => ({ ...previous, [field]: true })),
    check(fields) {
      setTouched((previous) => ({ ...previous, ...Object.fromEntries(fields.map((f) => [f, true])) }));
      return fields.find((field) => errors[field]) ?? null;
    },
    reset(next) {
      setValues(next);
      setTouched({});
    },
  };
}

/** Moves the focus to a field's control, after React has shown its error. */
export function focusField(field: string): void {
  window.setTimeout(() => document.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus(), 0);
}
