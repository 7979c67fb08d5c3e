// The JSON endpoints customers' browsers reach without credentials: the widget's prompt and
// answers. Cross-origin (the widget runs on the customer's site); rate-limited per address and
// per invitation; identity comes only from a signed link or a signed externalId.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import { answerResultSchema, publicAnswerInputSchema, widgetPromptInputSchema, widgetPromptSchema } from '../../../contract/answers.ts';
import { submitAnswer } from '../../domain/signals/answer-submission.ts';
import { widgetPrompt } from '../../domain/signals/widget.ts';
import { defineRoute } from '../route.ts';
import { signalDeps } from '../services.ts';

const error = (description: string) => ({ description, schema: errorBodySchema });

export const publicRoutes = [
  defineRoute<undefined, undefined, z.infer<typeof widgetPromptInputSchema>>({
    method: 'post',
    path: '/api/public/widget/prompt',
    tag: 'Public',
    summary: 'Should the widget ask this customer now?',
    description:
      'Called by widget.js on the customer\u2019s site. `signature` is the hex HMAC-SHA256 of `externalId` made with the ' +
      'workspace\u2019s widget secret on the site\u2019s server; a wrong one is refused (403). Sampling, the contact rule and ' +
      'unsubscribes decide `show`; when true, `token` is the invitation to answer.',
    access: 'public',
    body: widgetPromptInputSchema,
    responses: {
      200: { description: 'Whether to show, and what', schema: widgetPromptSchema },
      403: error('Wrong signature'),
      404: error('No such workspace or survey'),
      429: error('Too many requests'),
    },
    handle: async ({ body, services, c }) => {
      services.publicLimits.address(c);
      return { status: 200, body: await widgetPrompt(signalDeps(services), body) };
    },
  }),
  defineRoute<undefined, undefined, z.infer<typeof publicAnswerInputSchema>>({
    method: 'post',
    path: '/api/public/answers',
    tag: 'Public',
    summary: 'Answer an invitation (the widget, or a page of your own)',
    description:
      'One answer per invitation. Sending again within 24 hours of the first answer replaces it; after that the invitation ' +
      'is closed (409). An expired invitation answers 410, a tampered token 404, a filled-in `website` honeypot 403.',
    access: 'public',
    body: publicAnswerInputSchema,
    responses: {
      201: { description: 'Stored', schema: answerResultSchema },
      200: { description: 'Replaced the earlier answer to the same invitation', schema: answerResultSchema },
      400: error('Invalid answer'),
      403: error('Refused as automated'),
      404: error('Not a valid link'),
      409: error('Closed: answered more than 24 hours ago'),
      410: error('Expired'),
      429: error('Too many requests'),
    },
    handle: async ({ body, services, c }) => {
      services.publicLimits.address(c);
      services.publicLimits.link(c, body.token);
      const { token, ...answer } = body;
      const r = await submitAnswer(signalDeps(services), token, answer);
      return { status: r.updated ? 200 : 201, body: r };
    },
  }),
];
