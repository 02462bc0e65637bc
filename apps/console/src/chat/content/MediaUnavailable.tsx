import type { MediaView } from '#contracts';

/** What stands in for a file that is not here (yet): fetching, retrying, or failed with the reason. */
export function MediaUnavailable({ media, noun }: { media: MediaView; noun: string }) {
  if (media.state === 'failed') {
    return (
      <p className="media-status media-status--failed">
        <span aria-hidden="true">⚠</span> {noun} not available
        {media.failureReason ? `: ${media.failureReason}` : ''}
      </p>
    );
  }
  return (
    <p className="media-status" role="status">
      <span className="media-status__spinner" aria-hidden="true" />
      {media.state === 'pending' && media.failureReason
        ? `Fetching the ${noun.toLowerCase()} from WeChat again (last attempt: ${media.failureReason})`
        : `Fetching the ${noun.toLowerCase()} from WeChat…`}
    </p>
  );
}
