// The survey editor's form: the draft, its checks on submit, the summary of problems and the
// sections, in the order customers meet them.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import { useFormSubmit } from '../../shared/hooks.ts';
import { Link, navigate } from '../../shared/router.tsx';
import type { Department, Survey, SurveyPatch } from '../../shared/types.ts';
import { BasicsSection, BrandingSection } from './survey-basics.tsx';
import { draftOf, bodyOf, type Draft } from './survey-draft.ts';
import { pathLabel, problemsOf, summaryOf } from './survey-problems.ts';
import { QuestionsSection } from './question-editor.tsx';
import { TextsSection } from './survey-texts.tsx';

export function SurveyForm({ survey, departments }: { survey?: Survey; departments?: Department[] }) {
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(survey));
  const { errors, failure, busy, submit: run } = useFormSubmit(form);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const sectionProps = { draft, set, errors };

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(problemsOf(draft), async () => {
      const body = bodyOf(draft);
      const { kind: _kind, ...patch } = body; // a survey's kind cannot change
      const saved = survey
        ? await api<Survey>(`/api/v1/surveys/${survey.id}`, { method: 'PATCH', body: patch satisfies SurveyPatch })
        : await api<Survey>('/api/v1/surveys', { method: 'POST', body });
      navigate(`/surveys/${saved.id}`);
    });
  }

  const summary = summaryOf(errors);

  return (
    <form ref={form} onSubmit={submit} noValidate className="editor">
      {(failure || summary.length > 0) && (
        <div className="notice notice-error notice-block" role="alert">
          <p>{summary.length > 0 ? 'The survey was not saved: some fields need a change.' : failure}</p>
          {summary.length > 0 && (
            <ul className="problem-list">
              {summary.map(([path, message]) => (
                <li key={path}>
                  <strong>{pathLabel(path)}:</strong> {message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <BasicsSection {...sectionProps} survey={survey} departments={departments} />
      <TextsSection {...sectionProps} />
      <QuestionsSection {...sectionProps} />
      <BrandingSection {...sectionProps} />

      <div className="editor-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? 'Saving…' : survey ? 'Save changes' : 'Create survey'}
        </button>
        <Link to={survey ? `/surveys/${survey.id}` : '/surveys'} className="button button-ghost">
          Cancel
        </Link>
      </div>
    </form>
  );
}
