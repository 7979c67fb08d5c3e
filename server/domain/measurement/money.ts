// Money without floating point: amounts are BigInt micro-units (a millionth of the currency's
// unit) from and to decimal text, and currencies are the ISO 4217 codes the platform knows.

/** Codes from Intl (ISO 4217 currencies in use); XXX, XTS and the like are not among them. */
const iso4217 = new Set(Intl.supportedValuesOf('currency'));
export const isIso4217 = (code: string): boolean => iso4217.has(code);

/** How many decimals a currency's minor unit has: EUR 2, JPY 0, KWD 3. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

const scale = 1_000_000n;
export type Micros = bigint;

/** "-12.5" -> -12500000n. Digits past the sixth decimal are cut (the ledger rounds to six). */
export function parseMoney(text: string): Micros {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a decimal amount: ${text}`);
  const micros = BigInt(m[2]!) * scale + BigInt((m[3] ?? '').slice(0, 6).padEnd(6, '0'));
  return m[1] ? -micros : micros;
}

/** A sum read in minor units (cents) as micro-units of the currency. */
export function fromMinor(text: string, currency: string): Micros {
  return parseMoney(text) / 10n ** BigInt(minorDigits(currency));
}

/** Micro-units as decimal text with the currency's own decimals (or more when needed). */
export function formatMoney(v: Micros, currency: string): string {
  const digits = minorDigits(currency);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  let frac = (abs % scale).toString().padStart(6, '0').replace(/0+$/, '');
  if (frac.length < digits) frac = frac.padEnd(digits, '0');
  return `${neg ? '-' : ''}${abs / scale}${frac ? `.${frac}` : ''}`;
}

/** For ratios and resampling only: a sum as a number of whole units. */
export const toNumber = (v: Micros): number => Number(v) / 1e6;
