import { describe, expect, it } from 'vitest';
import { formatAmount, formatQuote } from './money';

const NARROW_NBSP = '\u202f';
const NBSP = '\u00a0';

describe('formatQuote', () => {
  it('writes English with commas and a point', () => {
    expect(formatQuote('12345.6749', 'USDT', 'en')).toBe(`12,345.67${NBSP}USDT`);
  });

  it('groups French thousands with a narrow no-break space and a decimal comma', () => {
    expect(formatQuote('12345.675', 'USDT', 'fr')).toBe(`12${NARROW_NBSP}345,68${NBSP}USDT`);
  });

  it('groups Vietnamese thousands with dots and a decimal comma', () => {
    expect(formatQuote('1234567.5', 'USD', 'vi')).toBe(`1.234.567,50${NBSP}USD`);
  });

  it('says "< 0.01" for a value that is not 0 but rounds to it', () => {
    expect(formatQuote('0.004', 'USDT', 'en')).toBe(`<${NBSP}0.01${NBSP}USDT`);
    expect(formatQuote('0', 'USDT', 'en')).toBe(`0.00${NBSP}USDT`);
  });

  it('keeps every digit of a total beyond what a float holds', () => {
    expect(formatQuote('90071992547409931.99', 'USDT', 'en')).toBe(`90,071,992,547,409,931.99${NBSP}USDT`);
  });
});

describe('formatAmount', () => {
  it('keeps every decimal the exchange sent, without trailing zeros', () => {
    expect(formatAmount('0.000000012300', 'en')).toBe('0.0000000123');
    expect(formatAmount('1250.37', 'fr')).toBe(`1${NARROW_NBSP}250,37`);
    expect(formatAmount('300', 'vi')).toBe('300');
    expect(formatAmount('97000.5', 'vi')).toBe('97.000,5');
  });

  it('shows a value it cannot read as it came', () => {
    expect(formatAmount('1e-7', 'en')).toBe('1e-7');
  });
});
