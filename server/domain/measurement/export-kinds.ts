// Every list that can be exported. Adding one: a file in exports/ (its list function, filter
// schema and columns), a line here, and its name in contract/exports.ts.
import type { ExportKindName } from '../../../contract/exports.ts';
import { KeptError } from '../core/errors.ts';
import type { ExportKind } from './export.ts';
import { answersExport } from './exports/answers.ts';
import { casesExport } from './exports/cases.ts';
import { commitmentsExport } from './exports/commitments.ts';
import { complaintsExport } from './exports/complaints.ts';
import { customersExport } from './exports/customers.ts';
import { eventsExport } from './exports/events.ts';
import { messagesExport } from './exports/messages.ts';
import { tasksExport } from './exports/tasks.ts';
import { kudosExport } from './exports/kudos.ts';
import { handOffsExport } from './exports/hand-offs.ts';
import { rulesExport } from './exports/rules.ts';
import { improvementsExport } from './exports/improvements.ts';

export const exportKindList: ExportKind[] = [
  customersExport,
  eventsExport,
  answersExport,
  casesExport,
  complaintsExport,
  commitmentsExport,
  messagesExport,
  tasksExport,
  kudosExport,
  handOffsExport,
  rulesExport,
  improvementsExport,
];

export function exportKind(name: string): ExportKind {
  const k = exportKindList.find((x) => x.name === (name as ExportKindName));
  if (!k) {
    throw new KeptError('not_found', `Nothing called "${name}" can be exported`, {
      problems: [{ path: ['kind'], message: `must be one of ${exportKindList.map((x) => x.name).join(', ')}` }],
    });
  }
  return k;
}
