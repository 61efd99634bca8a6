// Amounts as a trader reads them: Rust sends decimals as strings (never floats), added up already
// (coffre_core::holdings); these write them in the UI language (fr "12 345,67", vi "12.345,67")
// without passing through a JS number, so an 18-decimal balance or a large total is shown exactly
// as the exchange gave it.

/** A decimal string as an integer of units of 10^-scale. */
type Scaled = { units: bigint; scale: number };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function parse(value: string): Scaled | null {
  const m = DECIMAL.exec(value.trim());
  if (!m) return null;
  const fraction = m[3] ?? '';
  const units = BigInt(m[2] + fraction);
  return { units: m[1] ? -units : units, scale: fraction.length };
}

function rescale(n: Scaled, scale: number): bigint {
  return n.units * 10n ** BigInt(scale - n.scale);
}

/** `value` rounded half away from zero to `digits` decimals. */
function rounded(n: Scaled, digits: number): Scaled {
  if (n.scale <= digits) return { units: rescale(n, digits), scale: digits };
  const divisor = 10n ** BigInt(n.scale - digits);
  const negative = n.units < 0n;
  const abs = negative ? -n.units : n.units;
  const units = (abs + divisor / 2n) / divisor;
  return { units: negative ? -units : units, scale: digits };
}

function decimalSeparator(lang: string): string {
  return new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/** Groups the integer part with Intl (a bigint keeps every digit) and writes the fraction as is. */
function write({ units, scale }: Scaled, lang: string): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const int = new Intl.NumberFormat(lang).format(BigInt(digits.slice(0, digits.length - scale)));
  const fraction = scale > 0 ? decimalSeparator(lang) + digits.slice(digits.length - scale) : '';
  return `${negative ? '-' : ''}${int}${fraction}`;
}

/** A balance or a price in the UI language, every decimal the exchange sent, trailing zeros dropped. */
export function formatAmount(value: string, lang: string): string {
  const n = parse(value);
  if (!n) return value;
  let { units, scale } = n;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return write({ units, scale }, lang);
}

/**
 * A value in a quote currency ("12 345,67 USDT"), to the cent; a value that rounds to 0 but is not
 * 0 reads "< 0,01 USDT" rather than a misleading 0. A no-break space keeps number and unit together.
 */
export function formatQuote(value: string, quote: string, lang: string): string {
  return `${formatCents(value, lang)}\u00a0${quote}`;
}

/** `formatQuote` without the unit, for a column whose heading names it. */
export function formatCents(value: string, lang: string): string {
  const n = parse(value);
  if (!n) return value;
  const cents = rounded(n, 2);
  if (cents.units === 0n && n.units > 0n) return `<\u00a0${write({ units: 1n, scale: 2 }, lang)}`;
  return write(cents, lang);
}
