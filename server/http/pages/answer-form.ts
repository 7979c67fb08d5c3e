// The answer page: the survey's question as a fieldset of radio buttons (0-10, 1-5 or 1-7)
// whose legend is the page's one heading, the two ends of the scale named in the labels, the
// reason question, the survey's extra questions, a honeypot for bots and the submit button.
// A plain form POST: it works with JavaScript off and on any phone.
import { scaleOf, type Survey, type SurveyTexts } from '../../../contract/surveys.ts';
import { brandName, questionLabel } from '../../domain/signals/survey-texts.ts';
import { format, uiTexts } from '../../domain/signals/ui-texts.ts';
import { e, layout } from './layout.ts';

export interface FormValues {
  score?: number;
  reason?: string;
  answers: Record<string, string>;
}

export interface FormErrors {
  /** Messages for the summary at the top, in the page's language. */
  messages: string[];
  score?: string;
}

export const reasonMaxLength = 5000;

export function answerFormPage(o: {
  survey: Survey;
  texts: SurveyTexts;
  locale: string;
  token: string;
  values: FormValues;
  alreadyAnswered: boolean;
  errors?: FormErrors;
  /** Opened from a score link in the mail: say the score is taken (docs/score-links.md). */
  scoreNoted?: boolean;
  /** The 1-pixel image whose loading shows a browser rendered the page (a relative URL). */
  image?: string;
  poweredBy?: boolean;
}): string {
  const { survey, texts: t, locale } = o;
  const ui = uiTexts(locale);
  const { min, max } = scaleOf[survey.kind];
  const brand = brandName(survey);
  const err = o.errors;

  const options = [];
  for (let n = min; n <= max; n++) {
    const anchor = n === min ? t.lowLabel : n === max ? t.highLabel : undefined;
    options.push(
      `<label class="opt" for="score-${n}"><input type="radio" id="score-${n}" name="score" value="${n}" required` +
        `${o.values.score === n ? ' checked' : ''}${err?.score ? ' aria-invalid="true"' : ''}>` +
        `<span>${n}</span>${anchor ? `<span class="vh"> ${e(anchor)}</span>` : ''}</label>`,
    );
  }
  const scoreFieldset =
    `<fieldset${err?.score ? ' aria-describedby="score-error"' : ''}>\n` +
    `<legend><h1>${e(t.question)}</h1></legend>\n` +
    `<div class="scale k${max - min + 1}">${options.join('')}</div>\n` +
    `<div class="anchors" aria-hidden="true"><span>${e(`${min} = ${t.lowLabel}`)}</span><span>${e(`${max} = ${t.highLabel}`)}</span></div>\n` +
    (err?.score ? `<p class="field-error" id="score-error">${e(err.score)}</p>\n` : '') +
    `</fieldset>`;

  const optional = `<span class="hint"> (${e(ui.optional)})</span>`;
  const reason = survey.askReason
    ? `<div class="field"><label for="reason">${e(t.reasonQuestion)}${optional}</label>` +
      `<textarea id="reason" name="reason" rows="4" maxlength="${reasonMaxLength}">${e(o.values.reason ?? '')}</textarea></div>`
    : '';

  const extra = survey.questions
    .map((q) => {
      const label = questionLabel(q.label, locale, survey.defaultLocale);
      const name = `q_${q.id}`;
      const value = o.values.answers[q.id] ?? '';
      if (q.type === 'open_text') {
        return (
          `<div class="field"><label for="${e(name)}">${e(label)}${optional}</label>` +
          `<textarea id="${e(name)}" name="${e(name)}" rows="3" maxlength="${reasonMaxLength}">${e(value)}</textarea></div>`
        );
      }
      const choices = q.options
        .map((opt) => {
          const id = `${name}-${opt.id}`;
          return (
            `<label for="${e(id)}"><input type="radio" id="${e(id)}" name="${e(name)}" value="${e(opt.id)}"${value === opt.id ? ' checked' : ''}>` +
            `<span>${e(questionLabel(opt.label, locale, survey.defaultLocale))}</span></label>`
          );
        })
        .join('');
      return `<fieldset class="choices"><legend>${e(label)}${optional}</legend>${choices}</fieldset>`;
    })
    .join('\n');

  const errors = err?.messages.length
    ? `<div class="errors" role="alert" id="errors"><p>${e(ui.fixErrors)}</p><ul>${err.messages.map((m) => `<li>${e(m)}</li>`).join('')}</ul></div>\n`
    : '';
  const notice =
    o.alreadyAnswered && !err
      ? `<p class="notice">${e(ui.alreadyAnswered)}</p>\n`
      : o.scoreNoted && !err
        ? `<p class="notice" role="status">${e(ui.scoreNoted)}</p>\n`
        : '';
  const image = o.image ? `<img class="vh" src="${e(o.image)}" alt="" width="1" height="1">\n` : '';
  const honeypot =
    `<div class="hp" aria-hidden="true"><label for="website">${e(ui.honeypotLabel)}</label>` +
    `<input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off"></div>`;

  const body =
    errors +
    notice +
    image +
    `<form method="post" action="${e(o.token)}" accept-charset="utf-8">\n` +
    `<input type="hidden" name="locale" value="${e(locale)}">\n` +
    `${scoreFieldset}\n${reason}\n${extra}\n${honeypot}\n` +
    `<button type="submit">${e(t.submit)}</button>\n</form>`;
  const title = format(ui.pageTitle, { brand });
  return layout({
    lang: locale,
    title: err ? `${ui.fixErrors} ${title}` : title,
    body,
    brand: { name: brand, colour: survey.brand.colour, logoUrl: survey.brand.logoUrl, poweredBy: o.poweredBy },
  });
}

export function thankYouPage(o: { survey: Survey; locale: string; thankYou: string; token: string; poweredBy?: boolean }): string {
  const ui = uiTexts(o.locale);
  const brand = brandName(o.survey);
  return layout({
    lang: o.locale,
    title: ui.thankYouTitle,
    brand: { name: brand, colour: o.survey.brand.colour, logoUrl: o.survey.brand.logoUrl, poweredBy: o.poweredBy },
    body: `<h1>${e(ui.thankYouTitle)}</h1>\n<p role="status">${e(o.thankYou)}</p>\n<p><a href="${e(o.token)}">${e(ui.changeAnswer)}</a></p>`,
  });
}
