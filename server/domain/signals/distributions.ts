// The two distributions the reports need beyond z = 1.96: the standard normal (for p-values of
// z tests) and Student's t (for intervals and p-values of means). Pure arithmetic, accurate to
// about 1e-12, from the regularised incomplete gamma and beta functions (Numerical Recipes,
// 3rd ed., 6.2 and 6.4), with the Lanczos log-gamma (g = 7, n = 9). Written here rather than
// added as a dependency: the maths is 80 lines, and the npm packages that do it are either
// untyped or pull in a whole statistics library.

const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = lanczos[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += lanczos[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

const eps = 1e-15;
const tiny = 1e-300;

/** The regularised upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    // the series of P(a, x)
    let ap = a;
    let sum = 1 / a;
    let del = sum;
    for (let n = 0; n < 1000 && Math.abs(del) > Math.abs(sum) * eps; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
    }
    return 1 - sum * front;
  }
  // the continued fraction of Q(a, x), modified Lentz
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < eps) break;
  }
  return front * h;
}

/** The continued fraction of the incomplete beta function, modified Lentz. */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < eps) break;
  }
  return h;
}

/** The regularised incomplete beta I_x(a, b). */
function betaRegularised(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x)) / a;
  return 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(|Z| >= |z|) for a standard normal Z: the two-sided p-value of a z test. */
export function normalTwoSidedP(z: number): number {
  // P(|Z| >= z) = erfc(z / sqrt 2) = Q(1/2, z^2 / 2)
  return gammaQ(0.5, (z * z) / 2);
}

/** P(|T| >= |t|) for Student's t with `df` degrees of freedom: the two-sided p-value of a t test. */
export function studentTwoSidedP(t: number, df: number): number {
  return betaRegularised(df / 2, 0.5, df / (df + t * t));
}

/** The t with P(|T| >= t) = `p` (0 < p < 1): e.g. 2.0452 for p = 0.05 and 29 degrees of freedom. */
export function studentQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`no t quantile for p = ${p}, df = ${df}`);
  // P(|T| >= t) falls as t grows: bisect on a bracket, then the answer is exact to ~1e-12.
  let lo = 0;
  let hi = 1;
  while (studentTwoSidedP(hi, df) > p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTwoSidedP(mid, df) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
