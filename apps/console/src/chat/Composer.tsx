import type { AttachmentRule, ReplyLock } from '#contracts';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
} from 'react';
import { errorMessage } from '../api/api-error';
import { CannedReplyPicker, type CannedReplyPickerHandle } from '../canned/CannedReplyPicker';
import { LockIcon, PaperclipIcon } from '../ui/icons';
import { acceptAttribute, describeRules } from './attachments/attachment-file-check';
import { AttachmentChip } from './attachments/AttachmentChip';
import { useAttachment, type SendAttachment, type UploadAttachment } from './attachments/useAttachment';
import { readDraft, writeDraft } from './drafts';

/** WeChat's limit for a text message (the server refuses longer ones with the same explanation). */
const MAX_TEXT_BYTES = 2048;
const SHOW_COUNTER_FROM_BYTES = 1600;
const MAX_HEIGHT_PX = 180;
/** The server shows "typing" for 15 s at a time; telling it every few seconds is plenty. */
const TYPING_EVERY_MS = 4_000;

/** The server's limit for a note: notes are never sent, so WeChat's byte limit does not apply. */
const MAX_NOTE_CHARACTERS = 4000;

const encoder = new TextEncoder();

/** A reply goes to the customer on WeChat; a note stays with the agents (CV4). */
export type ComposerMode = 'reply' | 'note';

interface ComposerProps {
  conversationId: string;
  /** Sends the text; throws an ApiError whose message is shown to the agent. */
  onSend(text: string): Promise<void>;
  /** Adds a private note; throws an ApiError whose message is shown to the agent. */
  onNote(text: string): Promise<void>;
  /** What the channel lets agents attach; empty: no attach button. */
  attachmentRules: AttachmentRule[];
  onUpload: UploadAttachment;
  onSendAttachment: SendAttachment;
  /** The agent is typing (the customer sees "typing" on WeChat). */
  onTyping(): void;
  /** Why WeChat would refuse a reply now; the composer is disabled and says so. */
  lock: ReplyLock | null;
  autoFocus: boolean;
}

/** Holds the draft of one conversation: remount it (a key) for another. */
export function Composer({
  conversationId,
  onSend,
  onNote,
  onTyping,
  lock: replyLock,
  autoFocus,
  attachmentRules,
  onUpload,
  onSendAttachment,
}: ComposerProps) {
  const [text, setText] = useState(() => readDraft(conversationId));
  const [mode, setMode] = useState<ComposerMode>('reply');
  const noting = mode === 'note';
  // A note is for the team: WeChat's window, budget and locks do not apply to it.
  const lock = noting ? null : replyLock;
  const modeName = useId();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const latestText = useRef(text);
  /** Replies and notes the agent has sent that are not yet accepted by the server, oldest first. */
  const queue = useRef<Array<{ mode: ComposerMode; text: string }>>([]);
  const draining = useRef(false);
  const lastTyping = useRef(0);
  const canned = useRef<CannedReplyPickerHandle>(null);
  const errorId = useId();
  const hintId = useId();
  const lockId = useId();
  const attachmentErrorId = useId();
  const rulesId = useId();
  const picker = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const attachment = useAttachment(attachmentRules, onUpload, onSendAttachment);
  const canAttach = attachmentRules.length > 0 && !lock && !noting;

  const bytes = encoder.encode(text.trim()).length;
  const characters = [...text.trim()].length;
  const tooLong = noting ? characters > MAX_NOTE_CHARACTERS : bytes > MAX_TEXT_BYTES;
  const hasText = text.trim().length > 0;
  // A file that cannot be sent holds the whole reply back, so nothing goes out without what the agent meant.
  const canSend =
    !lock && !tooLong && !attachment.busy && (attachment.pending && !noting ? attachment.ready : hasText);

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
    // The customer sees "typing" only for a reply.
    if (!noting && next.trim() && Date.now() - lastTyping.current >= TYPING_EVERY_MS) {
      lastTyping.current = Date.now();
      onTyping();
    }
  }

  /** A canned reply goes where the cursor is (replacing a selection), to be edited before sending. */
  function insert(snippet: string) {
    const element = textarea.current;
    const current = latestText.current;
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? current.length;
    type(current.slice(0, start) + snippet + current.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  }

  /**
   * The box empties at once, so the agent can type on; replies go out one at a time, in order. A file goes
   * first, then the words as a message of their own (WeChat's files carry no caption).
   */
  async function submit() {
    if (!canSend) return;
    setError(null);
    if (attachment.pending && !noting) {
      const sent = await attachment.submit();
      textarea.current?.focus();
      if (!sent) return;
    }
    if (!latestText.current.trim()) return;
    queue.current.push({ mode, text: latestText.current.trim() });
    change('');
    textarea.current?.focus();
    void drain();
  }

  function attach(file: File | undefined) {
    if (!file || !canAttach || attachment.busy) return;
    attachment.choose(file);
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const image = [...event.clipboardData.files].find((file) => file.type.startsWith('image/'));
    if (!image) return;
    event.preventDefault();
    attach(image);
  }

  const draggingFiles = (event: DragEvent) => canAttach && event.dataTransfer.types.includes('Files');

  async function drain() {
    if (draining.current) return;
    draining.current = true;
    setSending(true);
    while (queue.current.length > 0) {
      try {
        const next = queue.current[0];
        await (next.mode === 'note' ? onNote : onSend)(next.text);
        queue.current.shift();
      } catch (failure) {
        // Nothing the agent wrote is lost: what was not sent goes back into the box, before anything new.
        const unsent = queue.current.splice(0).map((item) => item.text);
        change([...unsent, latestText.current].filter(Boolean).join('\n'));
        setError(errorMessage(failure));
      }
    }
    draining.current = false;
    setSending(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === '/' && latestText.current === '' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      canned.current?.open();
      return;
    }
    // Enter while an input method (pinyin) is composing picks a candidate; it must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229)
      return;
    event.preventDefault();
    void submit();
  }

  return (
    <form
      className={`composer${dragging ? ' composer--dragging' : ''}${noting ? ' composer--note' : ''}`}
      aria-label={noting ? 'Private note' : 'Reply'}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onDragOver={(event) => {
        if (!draggingFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!draggingFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        attach(event.dataTransfer.files[0]);
      }}
    >
      <fieldset className="composer__mode">
        <legend className="visually-hidden">Write</legend>
        {(['reply', 'note'] as const).map((option) => (
          <label key={option} className="composer__mode-option">
            <input
              type="radio"
              name={modeName}
              value={option}
              checked={mode === option}
              onChange={() => {
                setMode(option);
                setError(null);
                textarea.current?.focus();
              }}
            />
            <span>{option === 'reply' ? 'Reply' : 'Private note'}</span>
          </label>
        ))}
      </fieldset>
      {noting && (
        <p className="composer__note-hint" id={lockId}>
          Only agents see notes. They are never sent to the customer on WeChat.
        </p>
      )}
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
      {attachment.pending && !noting && (
        <AttachmentChip
          attachment={attachment.pending}
          disabled={attachment.busy}
          onRemove={() => {
            attachment.remove();
            textarea.current?.focus();
          }}
          errorId={attachmentErrorId}
        />
      )}
      <div className="composer__box">
        {canAttach && (
          <>
            <button
              type="button"
              className="composer__attach"
              aria-label="Attach a file"
              aria-describedby={rulesId}
              title={describeRules(attachmentRules)}
              disabled={attachment.busy}
              onClick={() => picker.current?.click()}
            >
              <PaperclipIcon size={18} />
            </button>
            <input
              ref={picker}
              type="file"
              hidden
              accept={acceptAttribute(attachmentRules)}
              onChange={(event) => {
                attach(event.target.files?.[0]);
                event.target.value = '';
              }}
            />
            <span className="visually-hidden" id={rulesId}>
              {describeRules(attachmentRules)}
            </span>
          </>
        )}
        <textarea
          ref={textarea}
          className="composer__input"
          aria-label={noting ? 'Note' : 'Message'}
          aria-describedby={[
            lock || noting ? lockId : hintId,
            error ? errorId : null,
            attachment.pending ? attachmentErrorId : null,
          ]
            .filter(Boolean)
            .join(' ')}
          aria-invalid={tooLong || undefined}
          placeholder={lock ? 'Replies are locked' : noting ? 'Write a private note…' : 'Write a reply…'}
          rows={1}
          value={text}
          disabled={lock !== null}
          onChange={(event) => type(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <CannedReplyPicker
          ref={canned}
          conversationId={conversationId}
          disabled={lock !== null}
          onPick={insert}
          onDismiss={() => textarea.current?.focus()}
        />
        <button type="submit" className="button button--primary composer__send" disabled={!canSend}>
          {noting ? 'Add note' : 'Send'}
        </button>
      </div>
      {!lock && (
        <p className="composer__hint" id={hintId}>
          {sending || attachment.busy ? (
            <span>Sending…</span>
          ) : tooLong && noting ? (
            <span className="composer__too-long">
              Too long for a note: {characters} of {MAX_NOTE_CHARACTERS} characters.
            </span>
          ) : tooLong ? (
            <span className="composer__too-long">
              Too long for WeChat: {bytes} of {MAX_TEXT_BYTES} bytes (about 680 Chinese characters).
            </span>
          ) : (
            <>
              <span>
                {attachment.ready && hasText
                  ? 'The file and the text go as two messages (WeChat files carry no caption) · '
                  : null}
                <kbd>Enter</kbd> to {noting ? 'add the note' : 'send'} · <kbd>Shift</kbd> + <kbd>Enter</kbd>{' '}
                for a new line · <kbd>/</kbd> for canned replies
                {canAttach && !attachment.pending ? ' · paste or drop an image to attach it' : null}
              </span>
              {!noting && bytes >= SHOW_COUNTER_FROM_BYTES && (
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
