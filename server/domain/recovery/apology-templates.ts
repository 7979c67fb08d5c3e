// Apology templates: editable words that own the mistake, filled in per customer. A workspace
// starts with three built-in ones (added once, so deleting one is final); every template is
// checked like an apology, so none says "we apologise for any inconvenience".
import type { ApologyTemplate, ApologyTemplateInput, ApologyTemplatePatch } from '../../../contract/playbook.ts';
import * as store from '../../storage/apology-templates.ts';
import type { Db } from '../../storage/database.ts';
import { notFound } from '../core/errors.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { checkApology } from './playbook.ts';

export const builtInTemplates: ApologyTemplateInput[] = [
  {
    name: 'We got it wrong',
    body:
      'Dear {customerName},\n\nWe got this wrong: {caseTitle}. That is our mistake, not yours, and I am sorry.\n\n' +
      'I am handling your case (#{caseNumber}) myself. I will tell you what went wrong and what we are doing so it does not happen again, ' +
      'and I would like to know what would make this right for you.\n\n{staffName}, {company}',
  },
  {
    name: 'Wrong product delivered',
    body:
      'Dear {customerName},\n\nYou received the wrong product from us. We made that mistake and I am sorry for the trouble it caused you.\n\n' +
      'A replacement is on its way at our cost, and you do not need to send anything back. Tell me what else would make this right.\n\n{staffName}, {company}',
  },
  {
    name: 'We found a problem before you did',
    body:
      'Dear {customerName},\n\nWe found a problem on our side that affects you: {caseTitle}. You did not have to tell us; we are telling you.\n\n' +
      'I am sorry. Here is what we are doing about it, and you can reply to this message to tell us what would make it right.\n\n{staffName}, {company}',
  },
];

const toTemplate = (r: store.ApologyTemplateRecord): ApologyTemplate => ({
  id: r.id,
  name: r.name,
  body: r.body,
  updatedAt: r.updatedAt.toISOString(),
});

export async function listApologyTemplates(db: Db, workspaceId: string, now: Date): Promise<ApologyTemplate[]> {
  const { templates, everMade } = await store.listApologyTemplates(db, workspaceId);
  if (everMade) return templates.map(toTemplate);
  await store.insertApologyTemplates(
    db,
    builtInTemplates.map((t, i) => ({
      workspaceId,
      id: uuidv7(now.getTime() + i),
      ...t,
      createdAt: now,
      updatedAt: now,
    })),
  );
  return (await store.listApologyTemplates(db, workspaceId)).templates.map(toTemplate);
}

export async function createApologyTemplate(db: Db, workspaceId: string, now: Date, input: ApologyTemplateInput): Promise<ApologyTemplate> {
  checkApology(input.body, ['body']);
  await listApologyTemplates(db, workspaceId, now); // the built-ins come first, once
  const template = { workspaceId, id: uuidv7(now.getTime()), ...input, createdAt: now, updatedAt: now };
  await store.insertApologyTemplates(db, [template]);
  return toTemplate({ ...template, archivedAt: null });
}

export async function changeApologyTemplate(
  db: Db,
  workspaceId: string,
  id: string,
  now: Date,
  patch: ApologyTemplatePatch,
): Promise<ApologyTemplate> {
  if (patch.body !== undefined) checkApology(patch.body, ['body']);
  if (!isUuid(id) || !(await store.updateApologyTemplate(db, workspaceId, id, { ...patch, updatedAt: now }))) {
    throw notFound('The apology template');
  }
  return toTemplate((await store.findApologyTemplate(db, workspaceId, id))!);
}

export async function deleteApologyTemplate(db: Db, workspaceId: string, id: string, now: Date): Promise<void> {
  if (!isUuid(id) || !(await store.updateApologyTemplate(db, workspaceId, id, { archivedAt: now, updatedAt: now }))) {
    throw notFound('The apology template');
  }
}
