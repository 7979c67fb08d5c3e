import { describe, expect, it } from 'vitest';
import { inviteRefusal, leaverRefusal } from './team-scope.ts';

const manager = { role: 'manager' as const, departmentIds: ['care', 'billing'] };

describe('who a manager may invite', () => {
  it('agents into their own departments only', () => {
    expect(inviteRefusal(manager, { role: 'agent', departmentIds: ['care'] })).toBeNull();
    expect(inviteRefusal(manager, { role: 'agent', departmentIds: ['billing', 'care'] })).toBeNull();
    expect(inviteRefusal(manager, { role: 'agent', departmentIds: ['care', 'warehouse'] })).toBe('not_your_department');
    expect(inviteRefusal(manager, { role: 'agent', departmentIds: [] })).toBe('not_your_department');
    expect(inviteRefusal(manager, { role: 'manager', departmentIds: ['care'] })).toBe('agents_only');
    expect(inviteRefusal(manager, { role: 'admin', departmentIds: ['care'] })).toBe('agents_only');
  });
  it('admins anyone anywhere; agents nobody', () => {
    expect(inviteRefusal({ role: 'admin', departmentIds: [] }, { role: 'admin', departmentIds: [] })).toBeNull();
    expect(inviteRefusal({ role: 'agent', departmentIds: ['care'] }, { role: 'agent', departmentIds: ['care'] })).toBe('admins_only');
  });
});

describe('who a manager may deactivate', () => {
  it('an agent sharing one of their departments', () => {
    expect(leaverRefusal(manager, { role: 'agent', departmentIds: ['warehouse', 'care'] })).toBeNull();
    expect(leaverRefusal(manager, { role: 'agent', departmentIds: ['warehouse'] })).toBe('not_your_department');
    expect(leaverRefusal(manager, { role: 'agent', departmentIds: [] })).toBe('not_your_department');
    expect(leaverRefusal(manager, { role: 'manager', departmentIds: ['care'] })).toBe('agents_only');
    expect(leaverRefusal({ role: 'manager', departmentIds: [] }, { role: 'agent', departmentIds: [] })).toBe('not_your_department');
  });
});
