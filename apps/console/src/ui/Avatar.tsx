const PALETTE = ['#5b8def', '#e0795b', '#3ba58b', '#9b6fd6', '#d2933f', '#d76a9a', '#4e9fb8', '#7c8a3a'];

function colorFor(key: string): string {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.codePointAt(0)!) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length];
}

function initialOf(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toUpperCase() : '?';
}

/** A contact's or agent's picture, or their initial on a colour of their own. Decorative: the name is always next to it. */
export function Avatar({ name, url, size = 40 }: { name: string; url?: string | null; size?: number }) {
  const style = { width: size, height: size, fontSize: Math.round(size * 0.42) };
  if (url) return <img className="avatar" src={url} alt="" style={style} />;
  return (
    <span className="avatar" aria-hidden="true" style={{ ...style, background: colorFor(name) }}>
      {initialOf(name)}
    </span>
  );
}
