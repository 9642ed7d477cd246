// Display and input conversions shared by every page: money in cents, dates, enum labels.

export const CURRENCY = 'USD';

const moneyFormat = new Intl.NumberFormat(undefined, { style: 'currency', currency: CURRENCY });
const numberFormat = new Intl.NumberFormat(undefined);
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export const DASH = '—';

export function formatMoney(cents) {
  if (cents === null || cents === undefined || Number.isNaN(Number(cents))) return DASH;
  return moneyFormat.format(Number(cents) / 100);
}

export function formatNumber(n) {
  if (n === null || n === undefined) return DASH;
  return numberFormat.format(n);
}

/** RFC 3339 timestamp -> local date and time. */
export function formatDateTime(value) {
  if (!value) return DASH;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : dateTimeFormat.format(d);
}

/** RFC 3339 timestamp -> [local date, local time], for a cell that may break between them; null when absent. */
export function formatDateAndTime(value) {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? [String(value), ''] : [dateFormat.format(d), timeFormat.format(d)];
}

/** Date-only values (YYYY-MM-DD, YYYY-MM) are shown as they are: no time zone can shift them. */
export function formatPlain(value) {
  return value === null || value === undefined || value === '' ? DASH : String(value);
}

export function formatCoordinate(value) {
  return value === null || value === undefined ? DASH : Number(value).toFixed(5);
}

/** in_progress -> "In progress" */
export function humanize(value) {
  if (value === null || value === undefined || value === '') return DASH;
  const text = String(value).replace(/[_-]+/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Money is typed the way the browser's language writes numbers (navigator.language): its decimal
// separator and its grouping. What cannot be read that way is refused, never guessed: in en-US
// "1,20" is not a grouping of thousands, so it is an error, not $120.00; in de-DE it is 1.20.
const LOCALE = (typeof navigator !== 'undefined' && navigator.language) || undefined;

function separators(locale) {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.891);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

const isSpace = (ch) => /\s/.test(ch);

/** Cents -> the string a money input shows, in the browser's way of writing numbers ("12.50", "12,50"). */
export function centsToInput(cents, locale = LOCALE) {
  if (cents === null || cents === undefined) return '';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(Number(cents) / 100);
}

/** An amount written as this browser writes them, for messages: "1,234.50" or "1.234,50". */
export function moneyExample(locale = LOCALE) {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(1234.5);
}

/**
 * Typed money -> cents; NaN when it is not an amount as `locale` writes one. Accepts a leading
 * minus, a currency sign, the locale's decimal separator with up to two digits after it, and
 * thousands grouped as the locale groups them ("1,234.56" in en-US, "1.234,56" or "1234,56" in
 * de-DE, "1 234,56" in fr-FR); anything else (a misplaced group separator, two decimal
 * separators, letters) is NaN.
 */
export function parseMoney(text, locale = LOCALE) {
  const { group, decimal } = separators(locale);
  let raw = String(text).trim().replace(/[$€£¥]/g, '').trim().replace(/^\u2212/, '-');
  const negative = raw.startsWith('-');
  if (negative) raw = raw.slice(1).trim();
  // Spaces are the group separator where the locale groups with one (fr-FR, narrow no-break space).
  if (isSpace(group)) raw = [...raw].map((ch) => (isSpace(ch) ? group : ch)).join('');
  const pieces = raw.split(decimal);
  if (pieces.length > 2) return Number.NaN;
  const [whole, fraction = ''] = pieces;
  if (pieces.length === 2 && !/^\d{1,2}$/.test(fraction)) return Number.NaN;
  if (!/^\d/.test(whole)) return Number.NaN;
  const digits = whole.split(group).join('');
  if (!/^\d+$/.test(digits)) return Number.NaN;
  // Grouped: only as the locale itself would group this number.
  if (whole !== digits) {
    const regrouped = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: true }).format(BigInt(digits));
    const normalise = (s) => [...s].map((ch) => (isSpace(ch) ? ' ' : ch)).join('');
    if (normalise(regrouped) !== normalise(whole)) return Number.NaN;
  }
  const cents = Number(digits) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return Number.NaN;
  return negative ? -cents : cents;
}

/** Today's date as YYYY-MM-DD in local time, for date inputs' defaults. */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
