// Reads the free texts customers wrote since the last pass (answer reasons and comments,
// complaints, their replies on cases), analyses each in the process (sentiment/analyse.ts,
// sentiment/terms.ts; nothing leaves the machine) and stores the result once. Runs every few
// seconds from jobs/text-analysis.ts and on demand (`kept` tests, the demo).
import type { Clock } from '../core/clock.ts';
import type { Db } from '../core/db.ts';
import { readNewTexts, saveInsights, workspaceIds, type TextInsight, type TextSource } from '../../storage/text-insights.ts';
import { analyseSentiment, detectLanguage, languageOf } from './sentiment/analyse.ts';
import { termsOf } from './sentiment/terms.ts';

const SOURCES: readonly TextSource[] = ['answer', 'complaint', 'case_reply'];
/** Rows read per source and round trip. */
export const ANALYSIS_BATCH = 2000;

/** Analyses every text not analysed yet, batch by batch; answers how many texts it analysed. */
export async function analyseNewTexts(db: Db, clock: Clock, opts: { batch?: number; maxBatches?: number } = {}): Promise<number> {
  const batch = opts.batch ?? ANALYSIS_BATCH;
  let budget = opts.maxBatches ?? 50;
  let analysed = 0;
  for (const workspaceId of await workspaceIds(db)) {
    for (const source of SOURCES) {
      while (budget-- > 0) {
        const { texts, lastId } = await readNewTexts(db, workspaceId, source, batch);
        if (!lastId) break;
        const insights: TextInsight[] = texts.map((t) => {
          const language = languageOf(t.locale) ?? detectLanguage(t.text);
          const s = analyseSentiment(t.text, language);
          return {
            source,
            sourceId: t.sourceId,
            customerId: t.customerId,
            occurredAt: t.occurredAt,
            language,
            sentiment: s.score,
            label: s.label,
            terms: termsOf(t.text, language),
          };
        });
        await saveInsights(db, workspaceId, source, insights, lastId, clock.now());
        analysed += insights.length;
      }
    }
  }
  return analysed;
}
