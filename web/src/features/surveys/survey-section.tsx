// What every section of the survey editor shares: its card and the draft it changes.
import type { ReactNode } from 'react';
import { idFrom, type Draft } from './survey-draft.ts';

export interface SectionProps {
  draft: Draft;
  set: (change: Partial<Draft>) => void;
  errors: Record<string, string>;
}

/** After removing the control that had focus, put focus somewhere that makes sense instead of the page's top. */
export const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

export function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  const id = `section-${idFrom(title)}`;
  return (
    <section className="card form-card editor-section" aria-labelledby={id}>
      <h2 id={id} className="card-title" tabIndex={-1}>
        {title}
      </h2>
      {description && <p className="section-description">{description}</p>}
      <div className="stack">{children}</div>
    </section>
  );
}
