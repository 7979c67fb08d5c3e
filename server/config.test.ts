import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has defaults that start Kept on 127.0.0.1:4180 with the embedded database in ./data', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 4180, host: '127.0.0.1', databaseUrl: undefined, dbPoolSize: 20 });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads every variable, with overrides winning', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/kept', KEPT_SECURE_COOKIES: 'true' }, { PORT: '9090' });
    expect(c).toMatchObject({ port: 9090, databaseUrl: 'postgres://u:p@db:5432/kept', secureCookies: true });
  });

  it('bounds the heap to twice its live data unless told otherwise, refusing what is not a whole percent from 0 to 300', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(100);
    expect(loadConfig({ KEPT_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ KEPT_HEAP_GROWTH_PERCENT: '50' }).heapGrowthPercent).toBe(50);
    for (const bad of ['lots', '-1', '301', '1.5']) {
      expect(() => loadConfig({ KEPT_HEAP_GROWTH_PERCENT: bad }), bad).toThrow(/KEPT_HEAP_GROWTH_PERCENT/);
    }
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', KEPT_LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL: must start with postgres/);
      expect(problems).toMatch(/KEPT_LOG_LEVEL/);
    }
  });
});
