import { describe, expect, it } from 'vitest';
import type { TeamMember } from '../../../../contract/team.ts';
import { mayLetGo } from './team-text.ts';

const member = (id: string, role: TeamMember['role'], departmentIds: string[]): TeamMember => ({
  id,
  role,
  departmentIds,
  email: `${id}@example.com`,
  name: id,
  createdAt: '2026-01-01T00:00:00Z',
  status: 'active',
  deactivatedAt: null,
});

describe('who the team page offers to deactivate', () => {
  const manager = member('meg', 'manager', ['care']);
  it('a manager: agents sharing a department, never a manager, an admin or themselves', () => {
    expect(mayLetGo(manager, member('a', 'agent', ['billing', 'care']))).toBe(true);
    expect(mayLetGo(manager, member('b', 'agent', ['billing']))).toBe(false);
    expect(mayLetGo(manager, member('c', 'manager', ['care']))).toBe(false);
    expect(mayLetGo(manager, member('d', 'admin', ['care']))).toBe(false);
    expect(mayLetGo(manager, manager)).toBe(false);
  });
  it('an admin: anyone but themselves; an agent: nobody', () => {
    const admin = member('ad', 'admin', []);
    expect(mayLetGo(admin, member('e', 'manager', []))).toBe(true);
    expect(mayLetGo(admin, admin)).toBe(false);
    expect(mayLetGo(member('ag', 'agent', ['care']), member('f', 'agent', ['care']))).toBe(false);
  });
});
