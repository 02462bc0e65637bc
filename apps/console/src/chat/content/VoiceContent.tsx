import type { MediaView } from '#contracts';
import { useMediaSrc } from '../../media/MediaAccess';
import { formatBytes } from './media-format';
import { MediaUnavailable } from './MediaUnavailable';

/** Whether this browser can play the type (WeChat voice is usually AMR, which browsers cannot). */
function canPlay(contentType: string | null): boolean {
  if (!contentType) return false;
  return document.createElement('audio').canPlayType(contentType) !== '';
}

/** A player (or a download where the browser cannot play it) and WeChat's speech recognition text. */
export function VoiceContent({
  audio,
  recognition,
  fromAgent = false,
}: {
  audio: MediaView;
  recognition: string | null;
  /** An agent's own voice file: WeChat transcribes only what customers say. */
  fromAgent?: boolean;
}) {
  const src = useMediaSrc(audio);
  return (
    <div className="voice">
      {!src ? (
        <MediaUnavailable media={audio} noun="Voice message" />
      ) : canPlay(audio.contentType) ? (
        <audio className="voice__player" controls preload="metadata" src={src} aria-label="Voice message" />
      ) : (
        <p className="voice__download">
          <a href={src} download={audio.filename ?? 'voice'}>
            Download the voice message
          </a>{' '}
          <span className="voice__note">
            ({audio.contentType?.replace('audio/', '').toUpperCase() ?? 'audio'}, {formatBytes(audio.bytes)}:
            this browser cannot play it)
          </span>
        </p>
      )}
      {recognition ? (
        <blockquote className="voice__recognition" aria-label="Transcript by WeChat">
          {recognition}
        </blockquote>
      ) : fromAgent ? null : (
        <p className="voice__no-recognition">No transcript from WeChat</p>
      )}
    </div>
  );
}
