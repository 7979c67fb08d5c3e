import { describe, expect, it } from 'vitest';
import { logGamma, normalTwoSidedP, studentQuantile, studentTwoSidedP } from './distributions.ts';

// Reference values from R: 2 * pnorm(-z), qt(0.975, df), 2 * pt(-t, df), lgamma(x).
describe('the normal and t distributions', () => {
  it('gives ln Γ exactly enough', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(1)).toBeCloseTo(0, 12);
  });

  it('gives two-sided normal p-values', () => {
    expect(normalTwoSidedP(0)).toBe(1);
    expect(normalTwoSidedP(1.96)).toBeCloseTo(0.04999579029644, 12);
    expect(normalTwoSidedP(-1.96)).toBeCloseTo(0.04999579029644, 12);
    expect(normalTwoSidedP(0.5)).toBeCloseTo(0.61707507745197, 12);
    expect(normalTwoSidedP(3)).toBeCloseTo(0.00269979606326, 13);
    expect(normalTwoSidedP(8) / 1.244192114854e-15).toBeCloseTo(1, 9);
  });

  it('gives the 97.5 % quantiles of t', () => {
    expect(studentQuantile(0.05, 1)).toBeCloseTo(12.70620473617, 9);
    expect(studentQuantile(0.05, 2)).toBeCloseTo(4.30265272975, 9);
    expect(studentQuantile(0.05, 10)).toBeCloseTo(2.22813885196, 9);
    expect(studentQuantile(0.05, 29)).toBeCloseTo(2.04522964213, 9);
    expect(studentQuantile(0.05, 39)).toBeCloseTo(2.02269092004, 9);
    expect(studentQuantile(0.05, 100)).toBeCloseTo(1.98397151852, 9);
    expect(studentQuantile(0.05, 1000)).toBeCloseTo(1.96233908082, 9);
    expect(() => studentQuantile(0, 10)).toThrow(RangeError);
  });

  it('gives two-sided t p-values', () => {
    expect(studentTwoSidedP(0, 10)).toBe(1);
    expect(studentTwoSidedP(1, 1)).toBeCloseTo(0.5, 12);
    expect(studentTwoSidedP(2, 29)).toBeCloseTo(0.05494363718297, 12);
    expect(studentTwoSidedP(-2, 29)).toBeCloseTo(0.05494363718297, 12);
  });
});
