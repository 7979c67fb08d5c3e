// What `npm run bench` is asked: the seconds per load, which scenarios (all by default), and
// whether to take CPU profiles. A bad flag prints the usage and exits 2.
import { parseArgs } from 'node:util';

export const scenarios = [
  'ratios',
  'single',
  'batch',
  'timeline',
  'answers',
  'widget',
  'dashboard',
  'escalations',
  'guard',
  'webhooks',
  'ranking',
  'export',
  'startup',
] as const;

const usage = `usage: npm run bench [-- --seconds N] [--backlog-seconds N] [--only ${scenarios.join(',')}] [--cpu-prof]`;

export function benchOptions(args = process.argv.slice(2)) {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '10' },
      'backlog-seconds': { type: 'string', default: '20' },
      only: { type: 'string', default: scenarios.join(',') },
      'cpu-prof': { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.seconds);
  const backlogSeconds = Number(values['backlog-seconds']);
  const only = new Set(values.only.split(','));
  if (!(seconds > 0) || !(backlogSeconds > 0) || [...only].some((o) => !(scenarios as readonly string[]).includes(o))) {
    process.stderr.write(`${usage}\n`);
    process.exit(2);
  }
  return { seconds, backlogSeconds, only, cpuProf: values['cpu-prof'] };
}
