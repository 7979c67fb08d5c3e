// The business defaults and floors of signals, each named once. Change one here and every rule
// that depends on it follows.
import type { SurveyKind } from '../../../contract/surveys.ts';

/**
 * The answer floor: a score, share, mean, trend point or response rate from fewer answers is
 * "not enough data" and shows no figure, only n. Its value lives in the contract
 * (contract/metrics.ts) because the web app and the API's description state it too.
 */
export { minAnswers } from '../../../contract/metrics.ts';

/** A new workspace's signal settings (staff change them in the settings; the database holds the same defaults). */
export const defaultSignalSettings = {
  /** The contact rule: at most one survey invitation per customer per this many days, across all surveys. */
  contactDays: 30,
  /** One reminder this many days after an unanswered e-mail invitation (0: none). */
  reminderDays: 3,
  /** An invitation's link takes an answer for this many days after sending. */
  expiryDays: 14,
} as const;

/** How long a customer may change an answer after first giving it. */
export const answerEditWindowMs = 24 * 3_600_000;

/** Scores so low that the case they open is of high severity. */
export const veryLowScore: Record<SurveyKind, number> = { nps: 3, csat: 1, ces: 2 };

/** How late a triggered invitation may still go out: backfilled old events do not survey anyone. */
export const triggerGraceMs = 2 * 86_400_000;

/**
 * Score links in survey mails (docs/score-links.md). A fetch of a score link is provisional; it is
 * counted once this long has passed with no other score of the same invitation fetched within this
 * long of it (mail scanners fetch every link of a mail within seconds), and only if a browser
 * rendered the page (loaded its image). The answer therefore reaches the scores this long after
 * the click.
 */
export const scoreLinkScannerWindowMs = 30_000;
/** A fetch a worker began to count and never finished (it stopped) is taken up again after this long. */
export const scoreLinkStaleCountingMs = 5 * 60_000;
