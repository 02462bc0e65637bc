import { USER_LIMITS, type DepartmentView } from '#contracts';
import { roleDescription, roleLabel, ROLES } from '../../ui/people-labels';
import { Field } from '../form/Field';
import { toggled, type PersonFormErrors, type PersonFormValues } from './person-form';

interface PersonFieldsProps {
  values: PersonFormValues;
  /** The problems to show now (a field's once it was left, or after a try to save). */
  errors: PersonFormErrors;
  departments: DepartmentView[];
  /** The email is chosen when inviting; it cannot be changed afterwards. */
  emailEditable: boolean;
  onChange(values: PersonFormValues): void;
  onLeave(field: keyof PersonFormErrors): void;
}

/** Name, email, role, departments and capacity: what an admin decides about a person. */
export function PersonFields({
  values,
  errors,
  departments,
  emailEditable,
  onChange,
  onLeave,
}: PersonFieldsProps) {
  const set = <K extends keyof PersonFormValues>(field: K, value: PersonFormValues[K]) =>
    onChange({ ...values, [field]: value });
  const { min, max } = USER_LIMITS.maxConcurrentChats;
  return (
    <>
      <div className="person-fields__row">
        <Field label="Name" error={errors.name}>
          {(control) => (
            <input
              {...control}
              data-field="name"
              value={values.name}
              maxLength={USER_LIMITS.nameMaxChars}
              autoComplete="off"
              onChange={(event) => set('name', event.target.value)}
              onBlur={() => onLeave('name')}
            />
          )}
        </Field>
        {emailEditable && (
          <Field label="Email" hint="They sign in with it." error={errors.email}>
            {(control) => (
              <input
                {...control}
                data-field="email"
                type="email"
                value={values.email}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => set('email', event.target.value)}
                onBlur={() => onLeave('email')}
              />
            )}
          </Field>
        )}
      </div>

      <fieldset className="choice-group">
        <legend>Role</legend>
        <div className="choice-row">
          {ROLES.map((role) => (
            <label key={role} className="choice">
              <input
                type="radio"
                name="role"
                value={role}
                checked={values.role === role}
                onChange={() => set('role', role)}
              />
              <span>
                <span className="choice__title">{roleLabel(role)}</span>
                <span className="choice__help">{roleDescription(role)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="choice-group">
        <legend>Departments</legend>
        {departments.length === 0 ? (
          <p className="field__hint">
            There are no departments yet: <a href="#/admin/departments">add one</a>.
          </p>
        ) : (
          <div className="check-row">
            {departments.map((department) => (
              <label key={department.id} className="check-chip">
                <input
                  type="checkbox"
                  checked={values.departmentIds.includes(department.id)}
                  onChange={(event) =>
                    set('departmentIds', toggled(values.departmentIds, department.id, event.target.checked))
                  }
                />
                <span>{department.name}</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>

      <Field
        label="Most chats at once"
        hint={`Auto-assignment gives them at most this many open chats (${min}–${max}).`}
        error={errors.maxConcurrentChats}
      >
        {(control) => (
          <input
            {...control}
            data-field="maxConcurrentChats"
            className="input--short"
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            step={1}
            value={values.maxConcurrentChats}
            onChange={(event) => set('maxConcurrentChats', event.target.value)}
            onBlur={() => onLeave('maxConcurrentChats')}
          />
        )}
      </Field>
    </>
  );
}
