// The survey editor's extra questions: a single choice among options, or open text, each with
// labels per language and a key that follows the first label until someone edits it.
import { TextField } from '../../shared/fields.tsx';
import { ArrowDownIcon, ArrowUpIcon, PlusIcon, TrashIcon } from '../../shared/icons.tsx';
import { hasOptions, localeOrder, newOption, newQuestion, shownId, type DraftOption, type DraftQuestion } from './survey-draft.ts';
import { localeLabel } from './survey-kinds.ts';
import { maxOptions, maxQuestions } from './survey-problems.ts';
import { focusSoon, Section, type SectionProps } from './survey-section.tsx';

export function QuestionsSection({ draft, set, errors }: SectionProps) {
  const order = localeOrder(draft);
  const setQuestion = (i: number, change: (q: DraftQuestion) => DraftQuestion) =>
    set({ questions: draft.questions.map((q, j) => (j === i ? change(q) : q)) });
  return (
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
          <button type="button" className="button" onClick={() => set({ questions: [...draft.questions, newQuestion('single_choice')] })}>
            <PlusIcon /> Add a single-choice question
          </button>
          <button type="button" className="button" onClick={() => set({ questions: [...draft.questions, newQuestion('open_text')] })}>
            <PlusIcon /> Add an open question
          </button>
          {!draft.questions.some((q) => q.type === 'acquisition') && (
            <button type="button" className="button" onClick={() => set({ questions: [...draft.questions, newQuestion('acquisition')] })}>
              <PlusIcon /> Add “Why did you choose us?”
            </button>
          )}
        </div>
      )}
    </Section>
  );
}

const typeName: Record<DraftQuestion['type'], string> = {
  single_choice: 'single choice',
  open_text: 'open text',
  acquisition: 'how they came to us (Earned Growth)',
};

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
        {name}: {typeName[q.type]}
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
          <TextField
            key={l}
            label={`Question in ${localeLabel(l)}`}
            error={errors[`${at}.label.${l}`] ?? (l === locales[0] ? errors[`${at}.label`] : undefined)}
            className="input"
            maxLength={300}
            lang={l}
            value={q.label[l] ?? ''}
            onChange={(v) => onChange((x) => ({ ...x, label: { ...x.label, [l]: v } }))}
          />
        ))}
      </div>
      <TextField
        label="Key"
        hint="Names the answer in exports and the API; lowercase, e.g. delivery_speed."
        error={errors[`${at}.id`]}
        className="input input-mono input-narrow-wide"
        maxLength={40}
        spellCheck={false}
        autoCapitalize="off"
        value={shownId(q, order)}
        onChange={(v) => onChange((x) => ({ ...x, id: v, idEdited: v !== '' }))}
      />
      {hasOptions(q.type) && (
        <div className="options">
          <p className="field-label" id={`${at}-options`} tabIndex={-1}>
            Options
          </p>
          {q.type === 'acquisition' && (
            <p className="field-hint">
              Tick the choices that mean a referral or recommendation: a new customer who picks one is an earned customer in Earned Growth.
            </p>
          )}
          {errors[`${at}.options`] && <p className="field-error">{errors[`${at}.options`]}</p>}
          <ol className="option-list" aria-labelledby={`${at}-options`}>
            {q.options.map((o, j) => {
              const oat = `${at}.options.${j}`;
              const oname = `Option ${j + 1} of ${name.toLowerCase()}`;
              return (
                <li key={o.key} className="option">
                  <div className="label-grid">
                    {locales.map((l) => (
                      <TextField
                        key={l}
                        label={`Option ${j + 1} in ${localeLabel(l)}`}
                        error={errors[`${oat}.label.${l}`] ?? (l === locales[0] ? errors[`${oat}.label`] : undefined)}
                        className="input"
                        maxLength={300}
                        lang={l}
                        value={o.label[l] ?? ''}
                        onChange={(v) => setOption(j, (x) => ({ ...x, label: { ...x.label, [l]: v } }))}
                      />
                    ))}
                  </div>
                  <div className="option-foot">
                    <TextField
                      label={`Key of option ${j + 1}`}
                      error={errors[`${oat}.id`]}
                      className="input input-mono input-narrow-wide"
                      maxLength={40}
                      spellCheck={false}
                      autoCapitalize="off"
                      value={shownId(o, order)}
                      onChange={(v) => setOption(j, (x) => ({ ...x, id: v, idEdited: v !== '' }))}
                    />
                    {q.type === 'acquisition' && (
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          checked={o.earned}
                          onChange={(e) => setOption(j, (x) => ({ ...x, earned: e.target.checked }))}
                        />{' '}
                        Referral or recommendation<span className="visually-hidden"> ({oname})</span>
                      </label>
                    )}
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
