import type { MediaView } from '#contracts';
import { useMediaSrc } from '../../media/MediaAccess';
import { FileIcon } from '../../ui/icons';
import { formatBytes } from './media-format';
import { MediaUnavailable } from './MediaUnavailable';

export function FileContent({ file }: { file: MediaView }) {
  const src = useMediaSrc(file);
  if (!src) return <MediaUnavailable media={file} noun="File" />;
  const name = file.filename ?? 'file';
  return (
    <p className="file-download">
      <FileIcon size={14} />
      <a href={src} download={name}>
        {name}
      </a>{' '}
      <span className="file-download__size">{formatBytes(file.bytes)}</span>
    </p>
  );
}
