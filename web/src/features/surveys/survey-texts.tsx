// The survey editor's languages and the customer-facing texts in each, with the built-in texts
// as placeholders: what customers see when a field is left empty.
import { useState } from 'react';
import { api } from '../../shared/api.ts';
import { Field } from '../../shared/field.tsx';
import { SelectField } from '../../shared/fields.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { PlusIcon } from '../../shared/icons.tsx';
import type { SurveyTextKey } from '../../shared/types.ts';
import { normaliseLocaleTag, type Draft } from './survey-draft.ts';
import { builtInLocaleList, localeLabel, surveyTextKeyList, textKeyLabel } from './survey-kinds.ts';
import { isLocale } from './survey-problems.ts';
import { focusSoon, Section, type SectionProps } from './survey-section.tsx';

export function TextsSection({ draft, set, errors }: SectionProps) {
  const [textLocale, setTextLocale] = useState(draft.defaultLocale);
  // The built-in texts, shown as placeholders: what customers see when a field is left empty.
  const builtIns = useLoad(`built-in-texts|${draft.kind}|${textLocale}`, (signal) =>
    api<{ locale: string; texts: Record<SurveyTextKey, string> }>('/api/v1/surveys/built-in-texts', {
      query: { kind: draft.kind, locale: textLocale },
      signal,
    }),
  );
  return (
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
          const hint = [info.hint, builtIn ? 'Empty: the built-in text.' : 'Empty: the default language’s text.'].filter(Boolean).join(' ');
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
    const tag = normaliseLocaleTag(value);
    if (!isLocale(tag)) return setAddError('Enter a language tag like fr, de or pt-BR');
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
      <SelectField
        label="Default language"
        hint="Used when a customer’s language has no texts."
        error={error}
        className="input select input-narrow-select"
        value={draft.defaultLocale}
        onChange={(v) => onDefault(v)}
      >
        {draft.locales.map((l) => (
          <option key={l} value={l}>
            {localeLabel(l)}
          </option>
        ))}
      </SelectField>
    </>
  );
}
