import { useMemo, useState } from 'react';
import { focusField } from '../channels/useChannelForm';
import { personFormErrors, type PersonFormErrors, type PersonFormValues } from './person-form';

export interface PersonForm {
  values: PersonFormValues;
  /** What to show by each field: its problem once the admin has left it, or tried to save. */
  visible: PersonFormErrors;
  change(values: PersonFormValues): void;
  leave(field: keyof PersonFormErrors): void;
  /** Shows every problem and moves the focus to the first; true when there is none. */
  check(): boolean;
  reset(values: PersonFormValues): void;
}

export function usePersonForm(initial: PersonFormValues): PersonForm {
  const [values, setValues] = useState(initial);
  const [shown, setShown] = useState<Set<keyof PersonFormErrors>>(() => new Set());
  const errors = useMemo(() => personFormErrors(values), [values]);
  const visible: PersonFormErrors = Object.fromEntries(
    Object.entries(errors).filter(([field]) => shown.has(field as keyof PersonFormErrors)),
  );
  return {
    values,
    visible,
    change: setValues,
    leave: (field) => setShown((previous) => new Set(previous).add(field)),
    check() {
      const fields = Object.keys(errors) as Array<keyof PersonFormErrors>;
      setShown(new Set(['name', 'email', 'maxConcurrentChats']));
      if (fields.length > 0) focusField(fields[0]);
      return fields.length === 0;
    },
    reset(next) {
      setValues(next);
      setShown(new Set());
    },
  };
}
