// The survey editor's basics (kind, name, department, reason question, sampling) and branding.
import { Field } from '../../shared/field.tsx';
import { NumberField, SelectField, TextField } from '../../shared/fields.tsx';
import type { Department, Survey } from '../../shared/types.ts';
import { kindDescription, kindName, surveyKindList } from './survey-kinds.ts';
import { isColour } from './survey-problems.ts';
import { Section, type SectionProps } from './survey-section.tsx';

export function BasicsSection({ draft, set, errors, survey, departments }: SectionProps & { survey?: Survey; departments?: Department[] }) {
  return (
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
      <TextField
        label="Name"
        hint="Staff see it; customers see the brand name below, or this name when there is none."
        error={errors.name}
        className="input"
        maxLength={200}
        value={draft.name}
        onChange={(v) => set({ name: v })}
      />
      <SelectField
        label="Department"
        hint="The department whose touchpoint this survey measures."
        error={errors.departmentId}
        className="input select"
        value={draft.departmentId}
        onChange={(v) => set({ departmentId: v })}
      >
        <option value="">No department</option>
        {departments?.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
        {!departments && draft.departmentId && <option value={draft.departmentId}>Loading departments…</option>}
      </SelectField>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={draft.askReason} onChange={(e) => set({ askReason: e.target.checked })} />
          <span>Ask “What is the main reason for your score?” after the score</span>
        </label>
      </div>
      <NumberField
        label="Sampling (%)"
        hint="The share of invitations from triggers that are actually sent. 100 sends every one."
        error={errors.samplePercent}
        className="input input-narrow"
        min={1}
        max={100}
        step={1}
        value={draft.samplePercent}
        onChange={(v) => set({ samplePercent: v })}
      />
    </Section>
  );
}

export function BrandingSection({ draft, set, errors }: SectionProps) {
  return (
    <Section title="Branding" description="What customers see on the answer page, in e-mails and in the widget.">
      <TextField
        label="Brand name"
        hint="Replaces {brand} in the texts. Empty: the survey’s name."
        error={errors['brand.name']}
        className="input"
        maxLength={100}
        value={draft.brand.name}
        onChange={(v) => set({ brand: { ...draft.brand, name: v } })}
      />
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
                value={isColour(draft.brand.colour) ? draft.brand.colour.toLowerCase() : '#4f46e5'}
                onChange={(e) => set({ brand: { ...draft.brand, colour: e.target.value } })}
              />
              <span>Pick</span>
            </label>
          </div>
        )}
      </Field>
      <TextField
        label="Logo URL"
        hint="An https:// address of an image. Empty: no logo."
        error={errors['brand.logoUrl']}
        className="input"
        type="url"
        maxLength={2000}
        placeholder="https://example.com/logo.png"
        value={draft.brand.logoUrl}
        onChange={(v) => set({ brand: { ...draft.brand, logoUrl: v } })}
      />
    </Section>
  );
}
