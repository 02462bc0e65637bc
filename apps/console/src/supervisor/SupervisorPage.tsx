import type {
  AgentLoadView,
  ConversationView,
  SupervisedAgentView,
  SupervisorOverview,
  UserView,
} from '#contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isAbort } from '../api/api-error';
import type { AssignmentApi } from '../api/assignment-api';
import { ConnectionBanner } from '../live/ConnectionBanner';
import { useLiveUpdates } from '../live/useLiveUpdates';
import { conversationHref } from '../routing/desk-route';
import { Spinner } from '../ui/Spinner';
import { StatusBadge } from '../ui/StatusBadge';
import { formatDuration } from '../ui/time-format';
import { useNow } from '../ui/useNow';

interface SupervisorPageProps {
  api: AssignmentApi;
  token: string;
  me: UserView;
  onUnauthorized(): void;
}

/** Changes arrive in bursts (a chat assigned is a conversation and an activity event): one reload for them. */
const RELOAD_DELAY_MS = 250;

/**
 * Who is online and how loaded, the queue with its waiting times, and the chats agents have: take one over
 * or give it to someone else (CV3, RT5). Supervisors see their departments, admins all; live.
 */
export function SupervisorPage({ api, token, me, onUnauthorized }: SupervisorPageProps) {
  const [overview, setOverview] = useState<SupervisorOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const now = useNow(15_000);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<AbortController | null>(null);

  const load = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    api.supervisorOverview(controller.signal).then(
      (data) => {
        setOverview(data);
        setError(null);
      },
      (failure: unknown) => {
        if (!isAbort(failure)) setError(errorMessage(failure));
      },
    );
  }, [api]);
  const reloadSoon = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(load, RELOAD_DELAY_MS);
  }, [load]);

  useEffect(() => {
    load();
    return () => {
      inFlight.current?.abort();
      window.clearTimeout(timer.current);
    };
  }, [load]);
  useEffect(() => {
    document.title = 'Supervisor · WeChat Support Desk';
  }, []);

  const live = useLiveUpdates(token, {
    onResync: reloadSoon,
    onUnauthorized,
    onMessageCreated: () => undefined,
    onMessageUpdated: () => undefined,
    onConversationUpdated: reloadSoon,
    onPresenceChanged: reloadSoon,
    onConversationActivity: reloadSoon,
  });

  async function act(key: string, action: () => Promise<ConversationView>) {
    setBusy(key);
    setActionError(null);
    try {
      await action();
      load();
    } catch (failure) {
      setActionError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  if (!overview) {
    return (
      <main className="supervisor">
        {error ? (
          <div className="empty-state" role="alert">
            <p className="empty-state__title">Couldn’t load the supervisor view</p>
            <p className="empty-state__text">{error}</p>
            <button type="button" className="button button--secondary" onClick={load}>
              Try again
            </button>
          </div>
        ) : (
          <Spinner label="Loading the team…" />
        )}
      </main>
    );
  }

  const byId = new Map(overview.agents.map((agent) => [agent.id, agent]));
  const online = overview.agents.filter((a) => a.presence === 'online').length;
  return (
    <main className="supervisor" aria-labelledby="supervisor-title" data-live-status={live.status}>
      <ConnectionBanner status={live.status} backOnline={live.backOnline} />
      <header className="supervisor__header">
        <h1 id="supervisor-title">Supervisor</h1>
        <p>
          {me.role === 'admin'
            ? 'All departments'
            : overview.departments.map((d) => d.name).join(', ') || 'No departments'}
          {' · '}
          {online} online · {overview.queue.length} waiting
        </p>
      </header>
      {actionError && (
        <p className="callout callout--error" role="alert">
          {actionError}
        </p>
      )}
      <div className="supervisor__columns">
        <section className="supervisor__panel" aria-labelledby="team-title">
          <h2 id="team-title">Agents</h2>
          {overview.agents.length === 0 ? (
            <p>Nobody in these departments yet.</p>
          ) : (
            <table className="supervisor-table">
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Presence</th>
                  <th scope="col">Load</th>
                </tr>
              </thead>
              <tbody>
                {overview.agents.map((agent) => (
                  <tr key={agent.id} data-agent={agent.name}>
                    <td>{agent.name}</td>
                    <td>
                      <span className={`presence-dot presence-dot--${agent.presence}`} aria-hidden="true" />
                      {agent.presence[0].toUpperCase() + agent.presence.slice(1)}
                    </td>
                    <td>
                      <LoadBar agent={agent} />
                      <span data-load>
                        {agent.activeChats}/{agent.maxConcurrentChats}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="supervisor__panel" aria-labelledby="queue-title">
          <h2 id="queue-title">Waiting ({overview.queue.length})</h2>
          {overview.queue.length === 0 ? (
            <p>Nobody is waiting.</p>
          ) : (
            <table className="supervisor-table">
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {overview.queue.map(({ conversation, waitingSince }) => (
                  <tr key={conversation.id} data-conversation={conversation.contact.displayName}>
                    <td>
                      <a href={conversationHref(conversation)}>{conversation.contact.displayName}</a>{' '}
                      <StatusBadge status={conversation.status} />
                      <br />
                      <small>{conversation.channelName}</small>
                    </td>
                    <td>{formatDuration(Math.max(0, now - Date.parse(waitingSince)))}</td>
                    <td>
                      <RowActions
                        conversation={conversation}
                        agents={overview.agents}
                        me={me}
                        busy={busy === conversation.id}
                        onTake={() => void act(conversation.id, () => api.pick(conversation.id))}
                        onAssign={(assigneeId) =>
                          void act(conversation.id, () => api.assign(conversation.id, assigneeId))
                        }
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <section className="supervisor__panel" aria-labelledby="active-title">
        <h2 id="active-title">Active chats ({overview.active.length})</h2>
        {overview.active.length === 0 ? (
          <p>No active chats.</p>
        ) : (
          <table className="supervisor-table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Agent</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.active.map((conversation) => (
                <tr key={conversation.id} data-conversation={conversation.contact.displayName}>
                  <td>
                    <a href={conversationHref(conversation)}>{conversation.contact.displayName}</a>
                    <br />
                    <small>{conversation.channelName}</small>
                  </td>
                  <td data-assignee>{byId.get(conversation.assigneeId ?? '')?.name ?? '—'}</td>
                  <td>
                    <RowActions
                      conversation={conversation}
                      agents={overview.agents}
                      me={me}
                      busy={busy === conversation.id}
                      onTake={() => void act(conversation.id, () => api.assign(conversation.id, me.id))}
                      onAssign={(assigneeId) =>
                        void act(conversation.id, () => api.assign(conversation.id, assigneeId))
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

function LoadBar({ agent }: { agent: AgentLoadView }) {
  const share = Math.min(1, agent.activeChats / agent.maxConcurrentChats);
  return (
    <span className={`load-bar${share >= 1 ? ' load-bar--full' : ''}`} aria-hidden="true">
      <span style={{ width: `${Math.round(share * 100)}%` }} />
    </span>
  );
}

interface RowActionsProps {
  conversation: ConversationView;
  agents: SupervisedAgentView[];
  me: UserView;
  busy: boolean;
  onTake(): void;
  onAssign(assigneeId: string): void;
}

/** Take it (over) yourself, or give it to someone. The server says no to an agent who may not have it. */
function RowActions({ conversation, agents, me, busy, onTake, onAssign }: RowActionsProps) {
  // Only agents of the chat's channel can see it, so only they are offered.
  const others = agents.filter(
    (agent) => agent.id !== conversation.assigneeId && agent.channelIds.includes(conversation.channelId),
  );
  const [chosen, setChosen] = useState(others[0]?.id ?? '');
  const name = conversation.contact.displayName;
  const mine = conversation.assigneeId === me.id;
  // Taking over an agent's chat is assigning it to yourself: only for someone of its channel.
  const mayTakeOver = agents.some(
    (agent) => agent.id === me.id && agent.channelIds.includes(conversation.channelId),
  );
  return (
    <div className="queue-actions">
      {!mine && (!conversation.assigneeId || mayTakeOver) && (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy}
          onClick={onTake}
        >
          {conversation.assigneeId ? 'Take over' : 'Take'}
          <span className="visually-hidden"> {name}</span>
        </button>
      )}
      {others.length > 0 && (
        <>
          <select
            aria-label={`Agent for ${name}`}
            value={others.some((a) => a.id === chosen) ? chosen : (others[0]?.id ?? '')}
            onChange={(event) => setChosen(event.target.value)}
          >
            {others.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name} ({agent.activeChats}/{agent.maxConcurrentChats}, {agent.presence})
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={busy}
            onClick={() => onAssign(others.some((a) => a.id === chosen) ? chosen : others[0].id)}
          >
            {conversation.assigneeId ? 'Reassign' : 'Assign'}
            <span className="visually-hidden"> {name}</span>
          </button>
        </>
      )}
    </div>
  );
}
