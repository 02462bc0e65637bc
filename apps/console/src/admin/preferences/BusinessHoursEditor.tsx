import type { BusinessHours, BusinessHoursException, TimeRange } from '#contracts';
import { useId } from 'react';
import { Field } from '../form/Field';
import { browserTimeZone, officeWeek, WEEKDAYS } from './rules-form';

interface BusinessHoursEditorProps {
  value: BusinessHours | null;
  onChange(value: BusinessHours | null): void;
}

/**
 * A department's hours in its time zone: one range a day here (the API takes several), and exceptions for
 * single dates (closed, or special hours).
 */
export function BusinessHoursEditor({ value, onChange }: BusinessHoursEditorProps) {
  const id = useId();
  if (!value) {
    return (
      <>
        <p className="field__hint">Open around the clock.</p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onChange({ timeZone: browserTimeZone(), weekly: officeWeek(), exceptions: [] })}
        >
          Set business hours
        </button>
      </>
    );
  }
  const setDay = (day: number, ranges: TimeRange[]) =>
    onChange({ ...value, weekly: value.weekly.map((r, i) => (i === day ? ranges : r)) });
  const setException = (index: number, exception: BusinessHoursException | null) =>
    onChange({
      ...value,
      exceptions: exception
        ? value.exceptions.map((e, i) => (i === index ? exception : e))
        : value.exceptions.filter((_, i) => i !== index),
    });
  return (
    <>
      <Field label="Time zone" hint="An IANA name, e.g. Asia/Shanghai or Europe/Berlin.">
        {(control) => (
          <input
            {...control}
            value={value.timeZone}
            onChange={(e) => onChange({ ...value, timeZone: e.target.value.trim() })}
          />
        )}
      </Field>
      <table className="data-table hours-table">
        <caption className="visually-hidden">Weekly hours</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Open</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day, index) => {
            const range = value.weekly[index]?.[0] ?? null;
            return (
              <tr key={day}>
                <th scope="row">{day}</th>
                <td data-label="Open">
                  <input
                    type="checkbox"
                    aria-label={`Open on ${day}`}
                    checked={range !== null}
                    onChange={(e) => setDay(index, e.target.checked ? [{ from: '09:00', to: '18:00' }] : [])}
                  />
                </td>
                <td data-label="From">
                  <input
                    type="time"
                    aria-label={`${day} opens at`}
                    disabled={!range}
                    value={range?.from ?? ''}
                    onChange={(e) => range && setDay(index, [{ ...range, from: e.target.value }])}
                  />
                </td>
                <td data-label="To">
                  <input
                    type="time"
                    aria-label={`${day} closes at`}
                    disabled={!range}
                    value={range?.to === '24:00' ? '23:59' : (range?.to ?? '')}
                    onChange={(e) => range && setDay(index, [{ ...range, to: e.target.value }])}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3 className="panel__subtitle" id={`${id}-exceptions`}>
        Exceptions
      </h3>
      {value.exceptions.length === 0 && <p className="field__hint">No closed days or special hours.</p>}
      <ul className="exception-list" aria-labelledby={`${id}-exceptions`}>
        {value.exceptions.map((exception, index) => {
          const range = exception.hours[0] ?? null;
          return (
            <li key={index} className="inline-form">
              <input
                type="date"
                aria-label="Date"
                value={exception.date}
                onChange={(e) => setException(index, { ...exception, date: e.target.value })}
              />
              <label className="choice choice--checkbox">
                <input
                  type="checkbox"
                  checked={range === null}
                  onChange={(e) =>
                    setException(index, {
                      ...exception,
                      hours: e.target.checked ? [] : [{ from: '09:00', to: '12:00' }],
                    })
                  }
                />
                <span className="choice__title">Closed all day</span>
              </label>
              {range && (
                <>
                  <input
                    type="time"
                    aria-label={`${exception.date} opens at`}
                    value={range.from}
                    onChange={(e) =>
                      setException(index, { ...exception, hours: [{ ...range, from: e.target.value }] })
                    }
                  />
                  <input
                    type="time"
                    aria-label={`${exception.date} closes at`}
                    value={range.to}
                    onChange={(e) =>
                      setException(index, { ...exception, hours: [{ ...range, to: e.target.value }] })
                    }
                  />
                </>
              )}
              <input
                aria-label="Note"
                placeholder="Note (e.g. National Day)"
                value={exception.note ?? ''}
                onChange={(e) => setException(index, { ...exception, note: e.target.value || null })}
              />
              <button
                type="button"
                className="button button--danger-ghost button--small"
                onClick={() => setException(index, null)}
              >
                Remove<span className="visually-hidden"> the exception of {exception.date}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() =>
            onChange({
              ...value,
              exceptions: [
                ...value.exceptions,
                { date: new Date().toISOString().slice(0, 10), hours: [], note: null },
              ],
            })
          }
        >
          Add an exception
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onChange(null)}
        >
          Open around the clock
        </button>
      </div>
    </>
  );
}
