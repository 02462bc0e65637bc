import { PinIcon } from '../../ui/icons';
import { formatCoordinates, mapLinks } from './media-format';

export function LocationContent({
  label,
  latitude,
  longitude,
}: {
  label: string;
  latitude: number | null;
  longitude: number | null;
}) {
  const coordinates = formatCoordinates(latitude, longitude);
  const links = latitude !== null && longitude !== null ? mapLinks(latitude, longitude, label) : null;
  return (
    <div className="location">
      <p className="location__label">
        <PinIcon size={14} />
        {label || 'Shared location'}
      </p>
      {coordinates && <p className="location__coordinates">{coordinates}</p>}
      {links && (
        <p className="location__links">
          <a href={links.amap} target="_blank" rel="noreferrer">
            Open in Amap
          </a>
          <a href={links.openStreetMap} target="_blank" rel="noreferrer">
            OpenStreetMap
          </a>
        </p>
      )}
    </div>
  );
}
