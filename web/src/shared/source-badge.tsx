// A department's badge: its colour as a dot on a pale wash, and always its name in text,
// so colour is never the only way to tell departments apart.
import type { SourceStyle } from './colours.ts';

export function SourceBadge({ source }: { source: SourceStyle }) {
  return (
    <span className="badge" style={{ background: source.tint }}>
      <span className="badge-dot" style={{ background: source.colour }} aria-hidden="true" />
      {source.name}
    </span>
  );
}
