import type { ReplyLock } from '#contracts';
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { errorMessage } from '../api/api-error';
import { LockIcon } from '../ui/icons';
import { readDraft, writeDraft } from './drafts';

/** WeChat's limit for a text message (the server refuses longer ones with the same explanation). */
const MAX_TEXT_BYTES = 2048;
const SHOW_COUNTER_FROM_BYTES = 1600;
const MAX_HEIGHT_PX = 180;
/** The server shows "typing" for 15 s at a time; telling it every few seconds is plenty. */
const TYPING_EVERY_MS = 4_000;

const encoder = new TextEncoder();

interface ComposerProps {
  conversationId: string;
  /** Sends the text; throws an ApiError whose message is shown to the agent. */
  onSend(text: string): Promise<void>;
  /** The agent is typing (the customer sees "typing" on WeChat). */
  onTyping(): void;
  /** Why WeChat would refuse a reply now; the composer is disabled and says so. */
  lock: ReplyLock | null;
  autoFocus: boolean;
}

/** Holds the draft of one conversation: remount it (a key) for another. */
export function Composer({ conversationId, onSend, onTyping, lock, autoFocus }: ComposerProps) {
  const [text, setText] = useState(() => readDraft(conversationId));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const latestText = useRef(text);
  /** Replies the agent has sent that are not yet accepted by the server, oldest first. */
  const queue = useRef<string[]>([]);
  const draining = useRef(false);
  const lastTyping = useRef(0);
  const errorId = useId();
  const hintId = useId();
  const lockId = useId();

  const bytes = encoder.encode(text.trim()).length;
  const tooLong = bytes > MAX_TEXT_BYTES;
  const canSend = text.trim().length > 0 && !tooLong && !lock;

  useEffect(() => {
    if (autoFocus) textarea.current?.focus();
  }, [autoFocus]);

  useLayoutEffect(() => {
    const element = textarea.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  function change(next: string) {
    latestText.current = next;
    setText(next);
    writeDraft(conversationId, next);
  }

  function type(next: string) {
    change(next);
    if (next.trim() && Date.now() - lastTyping.current >= TYPING_EVERY_MS) {
      lastTyping.current = Date.now();
      onTyping();
    }
  }

  /** The box empties at once, so the agent can type on; replies go out one at a time, in order. */
  function submit() {
    if (!canSend) return;
    queue.current.push(text.trim());
    change('');
    setError(null);
    textarea.current?.focus();
    void drain();
  }

  async function drain() {
    if (draining.current) return;
    draining.current = true;
    setSending(true);
    while (queue.current.length > 0) {
      try {
        await onSend(queue.current[0]);
        queue.current.shift();
      } catch (failure) {
        // Nothing the agent wrote is lost: what was not sent goes back into the box, before anything new.
        const unsent = queue.current.splice(0);
        change([...unsent, latestText.current].filter(Boolean).join('\n'));
        setError(errorMessage(failure));
      }
    }
    draining.current = false;
    setSending(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter while an input method (pinyin) is composing picks a candidate; it must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229)
      return;
    event.preventDefault();
    submit();
  }

  return (
    <form
      className="composer"
      aria-label="Reply"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {lock && (
        <p className="composer__locked" role="status" id={lockId}>
          <LockIcon size={16} />
          <span>{lock.message}</span>
        </p>
      )}
      {error && (
        <p className="callout callout--error composer__error" role="alert" id={errorId}>
          {error}
        </p>
      )}
      <div className="composer__box">
        <textarea
          ref={textarea}
          className="composer__input"
          aria-label="Message"
          aria-describedby={[lock ? lockId : hintId, error ? errorId : null].filter(Boolean).join(' ')}
          aria-invalid={tooLong || undefined}
          placeholder={lock ? 'Replies are locked' : 'Write a reply…'}
          rows={1}
          value={text}
          disabled={lock !== null}
          onChange={(event) => type(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button button--primary composer__send" disabled={!canSend}>
          Send
        </button>
      </div>
      {!lock && (
        <p className="composer__hint" id={hintId}>
          {sending ? (
            <span>Sending…</span>
          ) : tooLong ? (
            <span className="composer__too-long">
              Too long for WeChat: {bytes} of {MAX_TEXT_BYTES} bytes (about 680 Chinese characters).
            </span>
          ) : (
            <>
              <span>
                <kbd>Enter</kbd> to send · <kbd>Shift</kbd> + <kbd>Enter</kbd> for a new line
              </span>
              {bytes >= SHOW_COUNTER_FROM_BYTES && (
                <span className="composer__counter">
                  {bytes} / {MAX_TEXT_BYTES} bytes
                </span>
              )}
            </>
          )}
        </p>
      )}
    </form>
  );
}
