// What the demo's customers talk about: every free text analysed, the common themes added, and the
// theme mentioned most in the last 90 days named in the summary. Run again, it adds nothing twice.
import type { Db } from '../storage/database.ts';
import type { Clock } from '../domain/core/clock.ts';
import { analyseNewTexts } from '../domain/measurement/text-analysis.ts';
import { addStarterThemes, themeReport } from '../domain/measurement/themes.ts';

export interface ThemesLoaded {
  analysed: number;
  added: number;
  top: { name: string; mentions: number } | null;
}

export async function demoThemes(db: Db, clock: Clock, workspaceId: string): Promise<ThemesLoaded> {
  let analysed = 0;
  for (let n; (n = await analyseNewTexts(db, clock));) analysed += n;
  const added = await addStarterThemes(db, clock, workspaceId, null);
  const top = (await themeReport(db, clock, workspaceId, {})).items
    .filter((t) => t.mentions > 0)
    .sort((a, b) => b.mentions - a.mentions)[0];
  return { analysed, added, top: top ? { name: top.name, mentions: top.mentions } : null };
}
