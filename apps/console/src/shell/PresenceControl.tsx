import type { Presence } from '#contracts';
import { useId } from 'react';
import { presenceLabel } from '../ui/people-labels';
import type { PresenceState } from './usePresence';

/** Online / away / offline for the signed-in person; "Away (idle)" when the server set it. */
export function PresenceControl({ state }: { state: PresenceState }) {
  const id = useId();
  const { presence, reason } = state;
  return (
    <div className="presence-control" data-presence={presence}>
      <span className={`presence-dot presence-dot--${presence}`} aria-hidden="true" />
      <label htmlFor={id} className="visually-hidden">
        Presence
      </label>
      <select
        id={id}
        className="presence-control__select"
        value={presence}
        // Not disabled while saving: that would take the keyboard focus away from it.
        aria-busy={state.busy || undefined}
        aria-describedby={`${id}-hint${state.error ? ` ${id}-error` : ''}`}
        onChange={(event) => void state.choose(event.target.value as Presence)}
      >
        <option value="online">{presenceLabel('online', null)}</option>
        <option value="away">{presenceLabel('away', reason)}</option>
        <option value="offline">{presenceLabel('offline', null)}</option>
      </select>
      <span id={`${id}-hint`} className="visually-hidden">
        Online: you get new chats. Away: you keep your chats but get no new ones. Offline: you are not
        working.
      </span>
      {state.error && (
        <p id={`${id}-error`} className="presence-control__error" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}
