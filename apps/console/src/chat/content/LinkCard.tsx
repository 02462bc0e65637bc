import { hostOf, safeHttpUrl } from './media-format';

/** A link the customer shared: title, description, where it goes. Only http(s) links are clickable. */
export function LinkCard({ title, description, url }: { title: string; description: string; url: string }) {
  const href = safeHttpUrl(url);
  const heading = title || url;
  return (
    <div className="link-card">
      <p className="link-card__title">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {heading}
          </a>
        ) : (
          heading
        )}
      </p>
      {description && <p className="link-card__description">{description}</p>}
      <p className="link-card__host">{href ? hostOf(href) : `Not a web link: ${url}`}</p>
    </div>
  );
}
