// Conditions on an event's data (a cause's selector, a guard rule), as SQL over `events e`. Every
// value is a parameter: paths go in as text[] for `#>`, values as jsonb; nothing is spliced.
import { sql, type RawBuilder } from 'kysely';
import { occurredAtField, type SelectorCondition } from '../../contract/causes.ts';

const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/**
 * A JSON string ending in "Z" rewritten with "+00:00": jsonpath's datetime() reads the offset form
 * on every PostgreSQL Kept supports, the "Z" form only from PostgreSQL 17 on.
 */
const utcOffset = (x: RawBuilder<unknown>) =>
  sql`(CASE WHEN jsonb_typeof(${x}) = 'string' THEN to_jsonb(regexp_replace(${x} #>> '{}', '[zZ]$', '+00:00')) ELSE ${x} END)`;

/** One condition on `e.data`, as a boolean SQL expression. The selector is validated beforehand. */
export function condition(c: SelectorCondition): RawBuilder<boolean> {
  const at = sql`e.data #> ${c.path.split('.')}::text[]`;
  switch (c.op) {
    case 'exists':
      return sql<boolean>`(${at}) IS NOT NULL`;
    case 'eq':
      return sql<boolean>`(${at}) = ${json(c.value)}`;
    case 'ne':
      return sql<boolean>`(${at}) IS DISTINCT FROM ${json(c.value)}`;
    case 'in':
      return sql<boolean>`(${at}) = ANY(${(c.value as unknown[]).map((v) => JSON.stringify(v))}::jsonb[])`;
    case 'contains': {
      const element = sql<boolean>`(jsonb_typeof(${at}) = 'array' AND (${at}) @> ${json([c.value])})`;
      if (typeof c.value !== 'string') return element;
      return sql<boolean>`(${element} OR (jsonb_typeof(${at}) = 'string' AND strpos(lower(e.data #>> ${c.path.split('.')}::text[]), ${c.value.toLowerCase()}) > 0))`;
    }
    case 'gte':
    case 'lte': {
      // jsonpath compares only like with like (a number with a number, a date with a date) and,
      // with silent = true, a value that is not a date is simply no match instead of an error.
      const cmp = c.op === 'gte' ? '>=' : '<=';
      const path = typeof c.value === 'number' ? `$ ? (@ ${cmp} $v)` : `$ ? (@.datetime() ${cmp} $v.datetime())`;
      const value = typeof c.value === 'string' ? c.value.replace(/z$/i, '+00:00') : c.value;
      return sql<boolean>`jsonb_path_exists_tz(${utcOffset(at)}, ${path}::jsonpath, jsonb_build_object('v', ${json(value)}), true)`;
    }
    case 'lte_field':
    case 'gte_field': {
      // Two fields of one event: numbers compare as numbers, anything else as dates (a date-only
      // value is midnight UTC); a missing field, or a pair that is neither, is no match.
      const other = c.value === occurredAtField ? sql`to_jsonb(e.occurred_at)` : sql`e.data #> ${String(c.value).split('.')}::text[]`;
      const cmp = c.op === 'lte_field' ? '<=' : '>=';
      const path = `$ ? ((@.a.type() == "number" && @.b.type() == "number" && @.a ${cmp} @.b) || @.a.datetime() ${cmp} @.b.datetime())`;
      return sql<boolean>`jsonb_path_exists_tz(jsonb_build_object('a', ${utcOffset(at)}, 'b', ${utcOffset(other)}), ${path}::jsonpath, '{}'::jsonb, true)`;
    }
  }
}
