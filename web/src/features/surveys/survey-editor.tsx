// Creating or changing a survey: its kind (only when creating: answers stay on one scale),
// name, department, the reason question, extra questions, customer-facing texts per language,
// branding and sampling. Problems, the form's own or the API's, show under their fields and in
// a summary at the top.
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, messageOf } from '../../shared/api.ts';
import { Field } from '../../shared/field.tsx';
import { ArrowDownIcon, ArrowLeftIcon, ArrowUpIcon, PlusIcon, TrashIcon } from '../../shared/icons.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { useDocumentTitle, useFormSubmit, useLoad } from '../../shared/hooks.ts';
import { Link, navigate } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import {
  builtInLocaleList,
  kindDescription,
  kindName,
  localeLabel,
  surveyKindList,
  surveyTextKeyList,
  textKeyLabel,
} from './survey-kinds.ts';
import type { Department, Survey, SurveyInput, SurveyKind, SurveyPatch, SurveyQuestion, SurveyTextKey } from '../../shared/types.ts';

const localePattern = /^[a-z]{2}(-[A-Z]{2})?$/;
const questionIdPattern = /^[a-z][a-z0-9_]{0,39}$/;
const colourPattern = /^#[0-9a-fA-F]{6}$/;
const maxQuestions = 10;
const maxOptions = 12;

type Labels = Record<string, string>;
interface DraftOption {
  key: number;
  id: string;
  idEdited: boolean;
  label: Labels;
}
interface DraftQuestion {
  key: number;
  id: string;
  idEdited: boolean;
  type: SurveyQuestion['type'];
  label: Labels;
  options: DraftOption[];
}
interface Draft {
  kind: SurveyKind;
  name: string;
  departmentId: string;
  askReason: boolean;
  samplePercent: string;
  defaultLocale: string;
  locales: string[];
  texts: Record<string, Partial<Record<SurveyTextKey, string>>>;
  brand: { name: string; colour: string; logoUrl: string };
  questions: DraftQuestion[];
}

let nextKey = 1;
const newKey = () => nextKey++;

/** "Delivery speed" → "delivery_speed": a question or option id from its label. */
const idFrom = (label: string) =>
  label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);

function draftOf(survey: Survey | undefined): Draft {
  if (!survey) {
    return {
      kind: 'nps',
      name: '',
      departmentId: '',
      askReason: true,
      samplePercent: '100',
      defaultLocale: 'en',
      locales: ['en'],
      texts: {},
      brand: { name: '', colour: '', logoUrl: '' },
      questions: [],
    };
  }
  const labelLocales = survey.questions.flatMap((q) => [
    ...Object.keys(q.label),
    ...(q.type === 'single_choice' ? q.options.flatMap((o) => Object.keys(o.label)) : []),
  ]);
  return {
    kind: survey.kind,
    name: survey.name,
    departmentId: survey.departmentId ?? '',
    askReason: survey.askReason,
    samplePercent: String(survey.samplePercent),
    defaultLocale: survey.defaultLocale,
    locales: [...new Set([survey.defaultLocale, ...Object.keys(survey.texts), ...labelLocales])],
    texts: survey.texts as Draft['texts'],
    brand: { name: survey.brand.name ?? '', colour: survey.brand.colour ?? '', logoUrl: survey.brand.logoUrl ?? '' },
    questions: survey.questions.map((q) => ({
      key: newKey(),
      id: q.id,
      idEdited: true,
      type: q.type,
      label: { ...q.label },
      options: q.type === 'single_choice' ? q.options.map((o) => ({ key: newKey(), id: o.id, idEdited: true, label: { ...o.label } })) : [],
    })),
  };
}

const firstLabel = (labels: Labels, locales: string[]) =>
  locales.map((l) => labels[l]?.trim()).find(Boolean) ?? Object.values(labels).find((v) => v.trim()) ?? '';
const shownId = (item: { id: string; idEdited: boolean; label: Labels }, locales: string[]) =>
  item.idEdited ? item.id : idFrom(firstLabel(item.label, locales));

function cleanLabels(labels: Labels, locales: string[]): Labels {
  const out: Labels = {};
  for (const l of locales) if (labels[l]?.trim()) out[l] = labels[l]!.trim();
  return out;
}

/** What the API takes, from what the form holds. */
function bodyOf(d: Draft): SurveyInput {
  const order = [d.defaultLocale, ...d.locales.filter((l) => l !== d.defaultLocale)];
  const texts: SurveyInput['texts'] = {};
  for (const l of d.locales) {
    const own = Object.fromEntries(
      Object.entries(d.texts[l] ?? {})
        .map(([k, v]) => [k, (v ?? '').trim()])
        .filter(([, v]) => v),
    );
    if (Object.keys(own).length) texts[l] = own;
  }
  const brand: SurveyInput['brand'] = {};
  if (d.brand.name.trim()) brand.name = d.brand.name.trim();
  if (d.brand.colour.trim()) brand.colour = d.brand.colour.trim();
  if (d.brand.logoUrl.trim()) brand.logoUrl = d.brand.logoUrl.trim();
  return {
    kind: d.kind,
    name: d.name.trim(),
    departmentId: d.departmentId || null,
    askReason: d.askReason,
    samplePercent: Number(d.samplePercent),
    defaultLocale: d.defaultLocale,
    texts,
    brand,
    questions: d.questions.map((q): SurveyQuestion => {
      const base = { id: shownId(q, order), label: cleanLabels(q.label, d.locales) };
      return q.type === 'open_text'
        ? { ...base, type: 'open_text' }
        : {
            ...base,
            type: 'single_choice',
            options: q.options.map((o) => ({ id: shownId(o, order), label: cleanLabels(o.label, d.locales) })),
          };
    }),
  };
}

/** The form's own checks, with the same paths the API uses for its problems. */
function problemsOf(d: Draft): Record<string, string> {
  const p: Record<string, string> = {};
  const body = bodyOf(d);
  if (!body.name) p.name = 'Enter a name, e.g. Delivery CSAT';
  const percent = Number(d.samplePercent);
  if (!/^\d+$/.test(d.samplePercent.trim()) || percent < 1 || percent > 100) p.samplePercent = 'Enter a whole number from 1 to 100';
  if (body.brand.colour && !colourPattern.test(body.brand.colour)) p['brand.colour'] = 'Enter a colour like #1f77b4';
  if (body.brand.logoUrl && !/^https?:\/\/\S+$/.test(body.brand.logoUrl)) p['brand.logoUrl'] = 'Enter a web address starting with https://';
  const ids = new Map<string, number>();
  body.questions.forEach((q, i) => {
    const at = `questions.${i}`;
    if (!questionIdPattern.test(q.id)) p[`${at}.id`] = 'Use a lowercase key that starts with a letter, e.g. delivery_speed';
    else if (ids.has(q.id)) p[`${at}.id`] = `Question ${ids.get(q.id)! + 1} has the same key`;
    else ids.set(q.id, i);
    if (Object.keys(q.label).length === 0) p[`${at}.label`] = 'Write the question in at least one language';
    if (q.type === 'single_choice') {
      if (q.options.length < 2) p[`${at}.options`] = 'Give at least two options';
      const optionIds = new Map<string, number>();
      q.options.forEach((o, j) => {
        const oat = `${at}.options.${j}`;
        if (!questionIdPattern.test(o.id)) p[`${oat}.id`] = 'Use a lowercase key that starts with a letter, e.g. too_slow';
        else if (optionIds.has(o.id)) p[`${oat}.id`] = `Option ${optionIds.get(o.id)! + 1} has the same key`;
        else optionIds.set(o.id, j);
        if (Object.keys(o.label).length === 0) p[`${oat}.label`] = 'Write the option in at least one language';
      });
    }
  });
  return p;
}

const segmentName: Record<string, string> = {
  name: 'Name',
  departmentId: 'Department',
  askReason: 'Reason question',
  samplePercent: 'Sampling',
  defaultLocale: 'Default language',
  brand: 'Branding',
  colour: 'Colour',
  logoUrl: 'Logo URL',
  questions: 'Extra questions',
  options: 'Options',
  label: 'Label',
  id: 'Key',
  texts: 'Texts',
  kind: 'Kind',
};

/** `questions.0.options.1.label.fr` → "Extra questions › Question 1 › Option 2 › Label › French (fr)". */
function pathLabel(path: string): string {
  const parts = path.split('.');
  const out: string[] = [];
  parts.forEach((part, i) => {
    const before = parts[i - 1];
    if (/^\d+$/.test(part)) out.push(before === 'options' ? `Option ${Number(part) + 1}` : `Question ${Number(part) + 1}`);
    else if ((before === 'texts' || before === 'label') && localePattern.test(part)) out.push(localeLabel(part));
    else if (parts[i - 2] === 'texts' && part in textKeyLabel) out.push(textKeyLabel[part as SurveyTextKey].label);
    else out.push(segmentName[part] ?? part);
  });
  return out.join(' › ');
}

/** The most specific problems only: `brand.colour` rather than also `brand`. */
const summaryOf = (errors: Record<string, string>) =>
  Object.entries(errors).filter(([key]) => !Object.keys(errors).some((other) => other.startsWith(`${key}.`)));

export function NewSurveyPage() {
  useDocumentTitle('New survey');
  return <SurveyEditorFrame title="New survey" back={{ to: '/surveys', label: 'Surveys' }} />;
}

export function EditSurveyPage({ id }: { id: string }) {
  const survey = useLoad(id, (signal) => api<Survey>(`/api/v1/surveys/${encodeURIComponent(id)}`, { signal }));
  useDocumentTitle(survey.state.status === 'ready' ? `Edit ${survey.state.data.name}` : 'Edit survey');
  const back = { to: `/surveys/${id}`, label: survey.state.status === 'ready' ? survey.state.data.name : 'Survey' };
  if (survey.state.status === 'loading') {
    return (
      <div className="page">
        <BackLink {...back} />
        <h1 className="visually-hidden">Edit survey</h1>
        <Loading label="Loading survey…" />
      </div>
    );
  }
  if (survey.state.status === 'error') {
    const err = survey.state.error;
    return (
      <div className="page">
        <BackLink to="/surveys" label="Surveys" />
        {err instanceof ApiError && err.status === 404 ? (
          <EmptyState pageTitle title="Survey not found">
            <p>There is no survey with this ID in your workspace.</p>
          </EmptyState>
        ) : (
          <>
            <h1 className="visually-hidden">Edit survey</h1>
            <ErrorNotice message={messageOf(err)} onRetry={survey.reload} />
          </>
        )}
      </div>
    );
  }
  return (
    <SurveyEditorFrame key={survey.state.data.updatedAt} title={`Edit ${survey.state.data.name}`} back={back} survey={survey.state.data} />
  );
}

function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Link to={to} className="back-link">
      <ArrowLeftIcon /> {label}
    </Link>
  );
}

function SurveyEditorFrame({ title, back, survey }: { title: string; back: { to: string; label: string }; survey?: Survey }) {
  const { session } = useSession();
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  if (!hasRole(session.user.role, 'manager')) {
    return (
      <div className="page">
        <BackLink {...back} />
        <EmptyState pageTitle title="Only managers and admins change surveys">
          <p>Ask a manager of {session.workspace.name} to make the change.</p>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="page">
      <BackLink {...back} />
      <PageHeader title={title} />
      {survey?.archivedAt && (
        <div className="notice notice-info section-gap" role="status">
          This survey is archived: it sends nothing more and cannot be changed.
        </div>
      )}
      <SurveyForm survey={survey} departments={departments.state.status === 'ready' ? departments.state.data : undefined} />
    </div>
  );
}

function SurveyForm({ survey, departments }: { survey?: Survey; departments?: Department[] }) {
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(survey));
  const [textLocale, setTextLocale] = useState(draft.defaultLocale);
  // The built-in texts, shown as placeholders: what customers see when a field is left empty.
  const builtIns = useLoad(`built-in-texts|${draft.kind}|${textLocale}`, (signal) =>
    api<{ locale: string; texts: Record<SurveyTextKey, string> }>('/api/v1/surveys/built-in-texts', {
      query: { kind: draft.kind, locale: textLocale },
      signal,
    }),
  );
  const { errors, failure, busy, submit: run } = useFormSubmit(form);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const order = [draft.defaultLocale, ...draft.locales.filter((l) => l !== draft.defaultLocale)];

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
  const setQuestion = (i: number, change: (q: DraftQuestion) => DraftQuestion) =>
    set({ questions: draft.questions.map((q, j) => (j === i ? change(q) : q)) });

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

      <Section title="Basics">
        {survey ? (
          <div className="field">
            <span className="field-label">Kind</span>
            <p>
              <span className="pill pill-kind">{kindName[survey.kind]}</span> {kindDescription[survey.kind]}
            </p>
            <p className="field-hint">The kind cannot change, so all answers of a survey stay on one scale.</p>
          </div>
        ) : (
          <fieldset className="field">
            <legend className="field-label">Kind</legend>
            <div className="choice-cards">
              {surveyKindList.map((k) => (
                <label key={k} className={draft.kind === k ? 'choice-card is-on' : 'choice-card'}>
                  <input type="radio" name="kind" value={k} checked={draft.kind === k} onChange={() => set({ kind: k })} />
                  <span className="choice-card-text">
                    <span className="choice-card-title">{kindName[k]}</span>
                    <span className="choice-card-hint">{kindDescription[k]}</span>
                  </span>
                </label>
              ))}
            </div>
            <p className="field-hint">Chosen once: the kind of a survey cannot change later.</p>
            {errors.kind && <p className="field-error">{errors.kind}</p>}
          </fieldset>
        )}
        <Field label="Name" hint="Staff see it; customers see the brand name below, or this name when there is none." error={errors.name}>
          {(control) => (
            <input {...control} className="input" maxLength={200} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
          )}
        </Field>
        <Field label="Department" hint="The department whose touchpoint this survey measures." error={errors.departmentId}>
          {(control) => (
            <select
              {...control}
              className="input select"
              value={draft.departmentId}
              onChange={(e) => set({ departmentId: e.target.value })}
            >
              <option value="">No department</option>
              {departments?.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
              {!departments && draft.departmentId && <option value={draft.departmentId}>Loading departments…</option>}
            </select>
          )}
        </Field>
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={draft.askReason} onChange={(e) => set({ askReason: e.target.checked })} />
            <span>Ask “What is the main reason for your score?” after the score</span>
          </label>
        </div>
        <Field
          label="Sampling (%)"
          hint="The share of invitations from triggers that are actually sent. 100 sends every one."
          error={errors.samplePercent}
        >
          {(control) => (
            <input
              {...control}
              className="input input-narrow"
              type="number"
              inputMode="numeric"
              min={1}
              max={100}
              step={1}
              value={draft.samplePercent}
              onChange={(e) => set({ samplePercent: e.target.value })}
            />
          )}
        </Field>
      </Section>

      <Section
        title="Languages and texts"
        description="Customers see the survey in their own language when it has texts in it, else in the default language. Empty fields use Kept’s built-in text (English, French and German)."
      >
        <Languages
          draft={draft}
          error={errors.defaultLocale}
          onAdd={(l) => {
            set({ locales: [...draft.locales, l] });
            setTextLocale(l);
          }}
          onRemove={(l) => {
            const { [l]: _removed, ...texts } = draft.texts;
            set({ locales: draft.locales.filter((x) => x !== l), texts });
            if (textLocale === l) setTextLocale(draft.defaultLocale);
          }}
          onDefault={(l) => set({ defaultLocale: l })}
        />
        <div className="field">
          <span className="field-label" id="texts-locale-label">
            Texts in
          </span>
          <div className="segmented" role="group" aria-labelledby="texts-locale-label">
            {draft.locales.map((l) => {
              const hasError = Object.keys(errors).some((k) => k.startsWith(`texts.${l}.`) || k === `texts.${l}`);
              return (
                <button key={l} type="button" className="segment" aria-pressed={textLocale === l} onClick={() => setTextLocale(l)}>
                  {localeLabel(l)}
                  {hasError && <span className="segment-error"> (needs a change)</span>}
                </button>
              );
            })}
          </div>
        </div>
        <div className="text-grid">
          {surveyTextKeyList.map((key) => {
            const placeholder = builtIns.state.status === 'ready' ? builtIns.state.data.texts[key] : undefined;
            const path = `texts.${textLocale}.${key}`;
            const value = draft.texts[textLocale]?.[key] ?? '';
            const info = textKeyLabel[key];
            const builtIn = (builtInLocaleList as readonly string[]).includes(textLocale.split('-')[0]!);
            const hint = [info.hint, builtIn ? 'Empty: the built-in text.' : 'Empty: the default language’s text.']
              .filter(Boolean)
              .join(' ');
            const long = key === 'question' || key === 'emailIntro' || key === 'thankYou';
            const change = (v: string) => set({ texts: { ...draft.texts, [textLocale]: { ...draft.texts[textLocale], [key]: v } } });
            return (
              <Field key={`${textLocale}-${key}`} label={`${info.label} (${textLocale})`} hint={hint} error={errors[path]}>
                {(control) =>
                  long ? (
                    <textarea
                      {...control}
                      className="input textarea"
                      rows={2}
                      maxLength={1000}
                      lang={textLocale}
                      placeholder={placeholder}
                      value={value}
                      onChange={(e) => change(e.target.value)}
                    />
                  ) : (
                    <input
                      {...control}
                      className="input"
                      maxLength={1000}
                      lang={textLocale}
                      placeholder={placeholder}
                      value={value}
                      onChange={(e) => change(e.target.value)}
                    />
                  )
                }
              </Field>
            );
          })}
        </div>
      </Section>

      <Section
        title="Extra questions"
        description="Optional questions after the score: a single choice among options, or open text. Labels per language; give at least one."
      >
        {errors.questions && !Object.keys(errors).some((k) => k.startsWith('questions.')) && (
          <p className="field-error">{errors.questions}</p>
        )}
        {draft.questions.length === 0 && <p className="muted">No extra questions.</p>}
        {draft.questions.map((q, i) => (
          <QuestionEditor
            key={q.key}
            index={i}
            count={draft.questions.length}
            question={q}
            locales={draft.locales}
            order={order}
            errors={errors}
            onChange={(change) => setQuestion(i, change)}
            onMove={(by) => {
              const qs = [...draft.questions];
              const [moved] = qs.splice(i, 1);
              qs.splice(i + by, 0, moved!);
              set({ questions: qs });
            }}
            onRemove={() => {
              set({ questions: draft.questions.filter((_, j) => j !== i) });
              focusSoon('section-extra_questions');
            }}
          />
        ))}
        {draft.questions.length < maxQuestions && (
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() =>
                set({
                  questions: [
                    ...draft.questions,
                    { key: newKey(), id: '', idEdited: false, type: 'single_choice', label: {}, options: [newOption(), newOption()] },
                  ],
                })
              }
            >
              <PlusIcon /> Add a single-choice question
            </button>
            <button
              type="button"
              className="button"
              onClick={() =>
                set({
                  questions: [...draft.questions, { key: newKey(), id: '', idEdited: false, type: 'open_text', label: {}, options: [] }],
                })
              }
            >
              <PlusIcon /> Add an open question
            </button>
          </div>
        )}
      </Section>

      <Section title="Branding" description="What customers see on the answer page, in e-mails and in the widget.">
        <Field label="Brand name" hint="Replaces {brand} in the texts. Empty: the survey’s name." error={errors['brand.name']}>
          {(control) => (
            <input
              {...control}
              className="input"
              maxLength={100}
              value={draft.brand.name}
              onChange={(e) => set({ brand: { ...draft.brand, name: e.target.value } })}
            />
          )}
        </Field>
        <Field
          label="Colour"
          hint="A hex colour like #1f77b4 for buttons and the selected score. Empty: Kept’s colour."
          error={errors['brand.colour']}
        >
          {(control) => (
            <div className="colour-row">
              <input
                {...control}
                className="input input-mono input-narrow"
                maxLength={7}
                placeholder="#4f46e5"
                spellCheck={false}
                value={draft.brand.colour}
                onChange={(e) => set({ brand: { ...draft.brand, colour: e.target.value } })}
              />
              <label className="swatch-custom">
                <input
                  type="color"
                  value={colourPattern.test(draft.brand.colour) ? draft.brand.colour.toLowerCase() : '#4f46e5'}
                  onChange={(e) => set({ brand: { ...draft.brand, colour: e.target.value } })}
                />
                <span>Pick</span>
              </label>
            </div>
          )}
        </Field>
        <Field label="Logo URL" hint="An https:// address of an image. Empty: no logo." error={errors['brand.logoUrl']}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="url"
              maxLength={2000}
              placeholder="https://example.com/logo.png"
              value={draft.brand.logoUrl}
              onChange={(e) => set({ brand: { ...draft.brand, logoUrl: e.target.value } })}
            />
          )}
        </Field>
      </Section>

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

const newOption = (): DraftOption => ({ key: newKey(), id: '', idEdited: false, label: {} });

/** After removing the control that had focus, put focus somewhere that makes sense instead of the page's top. */
const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
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

function Languages({
  draft,
  error,
  onAdd,
  onRemove,
  onDefault,
}: {
  draft: Draft;
  error?: string;
  onAdd: (locale: string) => void;
  onRemove: (locale: string) => void;
  onDefault: (locale: string) => void;
}) {
  const [adding, setAdding] = useState('');
  const [addError, setAddError] = useState<string>();
  const suggestions = builtInLocaleList.filter((l) => !draft.locales.includes(l));

  function add(value: string) {
    const l = value.trim().replace('_', '-');
    const tag = l.includes('-') ? `${l.split('-')[0]!.toLowerCase()}-${l.split('-')[1]!.toUpperCase()}` : l.toLowerCase();
    if (!localePattern.test(tag)) return setAddError('Enter a language tag like fr, de or pt-BR');
    if (draft.locales.includes(tag)) return setAddError(`${localeLabel(tag)} is already there`);
    setAddError(undefined);
    setAdding('');
    onAdd(tag);
  }

  return (
    <>
      <div className="field">
        <span className="field-label" id="languages-label" tabIndex={-1}>
          Languages
        </span>
        <ul className="language-list" aria-labelledby="languages-label">
          {draft.locales.map((l) => (
            <li key={l} className="language">
              <span>{localeLabel(l)}</span>
              {l === draft.defaultLocale ? (
                <span className="pill pill-muted">Default</span>
              ) : (
                <button
                  type="button"
                  className="button button-ghost button-small"
                  onClick={() => {
                    onRemove(l);
                    focusSoon('languages-label');
                  }}
                >
                  Remove<span className="visually-hidden"> {localeLabel(l)} and its texts</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
      <Field label="Add a language" hint="A language tag like fr, de or pt-BR." error={addError}>
        {(control) => (
          <div className="inline-form">
            <input
              {...control}
              className="input input-narrow"
              maxLength={5}
              spellCheck={false}
              autoCapitalize="off"
              value={adding}
              onChange={(e) => setAdding(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add(adding);
                }
              }}
            />
            <button type="button" className="button" onClick={() => add(adding)}>
              Add
            </button>
            {suggestions.map((l) => (
              <button key={l} type="button" className="button button-ghost button-small" onClick={() => add(l)}>
                <PlusIcon /> {localeLabel(l)}
              </button>
            ))}
          </div>
        )}
      </Field>
      <Field label="Default language" hint="Used when a customer’s language has no texts." error={error}>
        {(control) => (
          <select
            {...control}
            className="input select input-narrow-select"
            value={draft.defaultLocale}
            onChange={(e) => onDefault(e.target.value)}
          >
            {draft.locales.map((l) => (
              <option key={l} value={l}>
                {localeLabel(l)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

function QuestionEditor({
  index,
  count,
  question: q,
  locales,
  order,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  question: DraftQuestion;
  locales: string[];
  order: string[];
  errors: Record<string, string>;
  onChange: (change: (q: DraftQuestion) => DraftQuestion) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const at = `questions.${index}`;
  const name = `Question ${index + 1}`;
  const setOption = (j: number, change: (o: DraftOption) => DraftOption) =>
    onChange((x) => ({ ...x, options: x.options.map((o, k) => (k === j ? change(o) : o)) }));
  return (
    <fieldset className="question">
      <legend className="question-title">
        {name}: {q.type === 'single_choice' ? 'single choice' : 'open text'}
      </legend>
      <div className="question-tools">
        <button
          type="button"
          className="button button-ghost button-small"
          aria-disabled={index === 0}
          onClick={() => index > 0 && onMove(-1)}
        >
          <ArrowUpIcon /> <span className="visually-hidden">Move {name} up</span>
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          aria-disabled={index === count - 1}
          onClick={() => index < count - 1 && onMove(1)}
        >
          <ArrowDownIcon /> <span className="visually-hidden">Move {name} down</span>
        </button>
        <button type="button" className="button button-danger-ghost button-small" onClick={onRemove}>
          <TrashIcon /> Remove<span className="visually-hidden"> {name}</span>
        </button>
      </div>
      <div className="label-grid">
        {locales.map((l) => (
          <Field
            key={l}
            label={`Question in ${localeLabel(l)}`}
            error={errors[`${at}.label.${l}`] ?? (l === locales[0] ? errors[`${at}.label`] : undefined)}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                maxLength={300}
                lang={l}
                value={q.label[l] ?? ''}
                onChange={(e) => onChange((x) => ({ ...x, label: { ...x.label, [l]: e.target.value } }))}
              />
            )}
          </Field>
        ))}
      </div>
      <Field label="Key" hint="Names the answer in exports and the API; lowercase, e.g. delivery_speed." error={errors[`${at}.id`]}>
        {(control) => (
          <input
            {...control}
            className="input input-mono input-narrow-wide"
            maxLength={40}
            spellCheck={false}
            autoCapitalize="off"
            value={shownId(q, order)}
            onChange={(e) => onChange((x) => ({ ...x, id: e.target.value, idEdited: e.target.value !== '' }))}
          />
        )}
      </Field>
      {q.type === 'single_choice' && (
        <div className="options">
          <p className="field-label" id={`${at}-options`} tabIndex={-1}>
            Options
          </p>
          {errors[`${at}.options`] && <p className="field-error">{errors[`${at}.options`]}</p>}
          <ol className="option-list" aria-labelledby={`${at}-options`}>
            {q.options.map((o, j) => {
              const oat = `${at}.options.${j}`;
              const oname = `Option ${j + 1} of ${name.toLowerCase()}`;
              return (
                <li key={o.key} className="option">
                  <div className="label-grid">
                    {locales.map((l) => (
                      <Field
                        key={l}
                        label={`Option ${j + 1} in ${localeLabel(l)}`}
                        error={errors[`${oat}.label.${l}`] ?? (l === locales[0] ? errors[`${oat}.label`] : undefined)}
                      >
                        {(control) => (
                          <input
                            {...control}
                            className="input"
                            maxLength={300}
                            lang={l}
                            value={o.label[l] ?? ''}
                            onChange={(e) => setOption(j, (x) => ({ ...x, label: { ...x.label, [l]: e.target.value } }))}
                          />
                        )}
                      </Field>
                    ))}
                  </div>
                  <div className="option-foot">
                    <Field label={`Key of option ${j + 1}`} error={errors[`${oat}.id`]}>
                      {(control) => (
                        <input
                          {...control}
                          className="input input-mono input-narrow-wide"
                          maxLength={40}
                          spellCheck={false}
                          autoCapitalize="off"
                          value={shownId(o, order)}
                          onChange={(e) => setOption(j, (x) => ({ ...x, id: e.target.value, idEdited: e.target.value !== '' }))}
                        />
                      )}
                    </Field>
                    <button
                      type="button"
                      className="button button-danger-ghost button-small"
                      onClick={() => {
                        onChange((x) => ({ ...x, options: x.options.filter((_, k) => k !== j) }));
                        focusSoon(`${at}-options`);
                      }}
                    >
                      <TrashIcon /> Remove<span className="visually-hidden"> {oname}</span>
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          {q.options.length < maxOptions && (
            <button
              type="button"
              className="button button-small"
              onClick={() => onChange((x) => ({ ...x, options: [...x.options, newOption()] }))}
            >
              <PlusIcon /> Add an option<span className="visually-hidden"> to {name.toLowerCase()}</span>
            </button>
          )}
        </div>
      )}
    </fieldset>
  );
}
