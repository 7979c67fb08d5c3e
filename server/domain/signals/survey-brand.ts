// A survey speaks as the company: where the survey sets no brand of its own, the company profile's
// name, colour and logo fill it, so "How likely are you to recommend {brand}" names the company,
// never the survey ("After a recovery") and never Kept.
import type { Survey } from '../../../contract/surveys.ts';
import type { Db } from '../../storage/database.ts';
import { companyVoice, type CompanyVoice } from '../core/company-profile.ts';

export function speakingAs(survey: Survey, v: Pick<CompanyVoice, 'companyName' | 'brandColour' | 'logoUrl'>): Survey {
  return {
    ...survey,
    brand: {
      name: survey.brand.name ?? v.companyName,
      colour: survey.brand.colour ?? v.brandColour ?? undefined,
      logoUrl: survey.brand.logoUrl ?? v.logoUrl ?? undefined,
    },
  };
}

/** The survey with the company's brand filled in, read from the workspace's profile. */
export async function brandedSurvey(db: Db, workspaceId: string, survey: Survey): Promise<Survey> {
  return speakingAs(survey, await companyVoice(db, workspaceId));
}
