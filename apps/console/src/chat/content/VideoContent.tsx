import type { MediaView } from '#contracts';
import { useMediaSrc } from '../../media/MediaAccess';
import { MediaUnavailable } from './MediaUnavailable';

export function VideoContent({
  video,
  thumbnail,
  short,
}: {
  video: MediaView;
  thumbnail: MediaView | null;
  short: boolean;
}) {
  const src = useMediaSrc(video);
  const poster = useMediaSrc(thumbnail);
  const label = short ? 'Short video' : 'Video';
  if (!src) return <MediaUnavailable media={video} noun={label} />;
  return (
    <video
      className="video-player"
      controls
      preload="metadata"
      src={src}
      poster={poster ?? undefined}
      aria-label={label}
    />
  );
}
