-- The company's voice (issue 12): one profile per workspace that every customer surface speaks
-- with (name, logo, colour, sender, reply-to, signature, locale, time zone), and a case's title
-- for the customer beside the internal summary staff write.
CREATE TABLE company_profiles (
  workspace_id    uuid PRIMARY KEY REFERENCES workspaces (id),
  company_name    text NOT NULL,
  logo_url        text,
  brand_colour    text,
  sender_name     text,
  sender_address  text,
  reply_to        text,
  signature       text,
  default_locale  text NOT NULL DEFAULT 'en',
  time_zone       text NOT NULL DEFAULT 'UTC',
  powered_by      boolean NOT NULL DEFAULT false,
  -- Null until an admin has looked at the profile and saved it: the web app asks them to.
  confirmed_at    timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Existing workspaces get a profile named after the workspace (never after Kept itself), not yet
-- confirmed, so the first admin to sign in after the upgrade is asked to complete it.
INSERT INTO company_profiles (workspace_id, company_name)
SELECT id, CASE WHEN name IN ('', 'Kept') THEN initcap(replace(slug, '-', ' ')) ELSE name END
FROM workspaces
ON CONFLICT DO NOTHING;

-- What the customer reads about their case; null falls back to a neutral "your case #N".
ALTER TABLE cases ADD COLUMN customer_title text;

-- A customer's reply to a case's mail finds the case by the mail it answers (In-Reply-To).
CREATE INDEX case_messages_by_mail ON case_messages (workspace_id, mail_id) WHERE mail_id IS NOT NULL;
