import type { MediaView } from '#contracts';
import { useRef } from 'react';
import { useMediaSrc } from '../../media/MediaAccess';
import { MediaUnavailable } from './MediaUnavailable';

/** A preview in the bubble; activating it opens the picture large, in a dialog (Escape closes it). */
export function ImageContent({ image, from }: { image: MediaView; from: string }) {
  const src = useMediaSrc(image);
  const dialog = useRef<HTMLDialogElement>(null);
  if (!src) return <MediaUnavailable media={image} noun="Image" />;
  const alt = `Image from ${from}`;
  return (
    <>
      <button
        type="button"
        className="image-preview"
        onClick={() => dialog.current?.showModal()}
        aria-label={`Open the image from ${from} larger`}
      >
        <img src={src} alt={alt} loading="lazy" />
      </button>
      <dialog
        ref={dialog}
        className="lightbox"
        aria-label={alt}
        onClick={(event) => {
          // A click on the backdrop (the dialog itself, outside the picture) closes it.
          if (event.target === dialog.current) dialog.current?.close();
        }}
      >
        <div className="lightbox__frame">
          <img src={src} alt={alt} />
          <div className="lightbox__actions">
            <a className="button button--secondary" href={src} target="_blank" rel="noreferrer">
              Open original
            </a>
            <button type="button" className="button button--primary" onClick={() => dialog.current?.close()}>
              Close
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
