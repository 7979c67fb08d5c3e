// Labelled figures as a description list (`.details`): "Told 5 · Bounced 0". Each pair is its own
// group, so screen readers read a label with its value.
import type { ReactNode } from 'react';

export function Facts({ items, inline = false }: { items: readonly (readonly [label: ReactNode, value: ReactNode])[]; inline?: boolean }) {
  return (
    <dl className={inline ? 'details details-inline' : 'details'}>
      {items.map(([label, value], i) => (
        <div key={i}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
