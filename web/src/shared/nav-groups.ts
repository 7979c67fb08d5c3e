// The main navigation's sections, grouped by what a person comes to do: work cases and messages,
// look after customers, learn from what they say, measure, and set Kept up. A link with `least`
// shows to that role and above (the API refuses the rest anyway).
import type { Role } from '../../../contract/common.ts';

export interface NavItem {
  to: string;
  label: string;
  least?: Role;
  /** The outbox's link carries the number of held messages. */
  held?: boolean;
  /** Opens outside the app (the API docs), in a new tab. */
  external?: boolean;
}

export interface NavGroup {
  title: string;
  items: NavItem[];
}

export const navGroups: readonly NavGroup[] = [
  {
    title: 'Work',
    items: [
      { to: '/cases', label: 'Cases' },
      { to: '/outbox', label: 'Outbox', held: true },
      { to: '/tasks', label: 'Tasks' },
      { to: '/commitments', label: 'Promises' },
    ],
  },
  {
    title: 'Customers',
    items: [
      { to: '/customers', label: 'Customers' },
      { to: '/causes', label: 'Causes' },
      { to: '/surveys', label: 'Surveys' },
    ],
  },
  {
    title: 'Learning',
    items: [
      { to: '/rules', label: 'Rules' },
      { to: '/themes', label: 'Themes' },
      { to: '/learning/improvements', label: 'You said, we did' },
      { to: '/learning/recognition', label: 'Recognition' },
      { to: '/learning/internal-customers', label: 'Internal customers' },
      { to: '/learning/obsession', label: 'Obsession' },
    ],
  },
  {
    title: 'Measure',
    items: [
      { to: '/dashboard', label: 'Dashboard' },
      { to: '/reports/recovery', label: 'Recovery', least: 'manager' },
      { to: '/reports/growth', label: 'Growth' },
      { to: '/basics', label: 'Basics' },
    ],
  },
  {
    title: 'Settings',
    items: [
      { to: '/departments', label: 'Departments' },
      { to: '/team', label: 'Team' },
      { to: '/mails', label: 'Mail', least: 'manager' },
      { to: '/settings', label: 'Settings' },
      { to: '/api/docs', label: 'API docs', external: true },
    ],
  },
];

/** Whether a link is the current page's: its own path or one below it. */
export const isCurrent = (to: string, path: string) => path === to || path.startsWith(`${to}/`);
