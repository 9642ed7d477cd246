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

/** Cents -> the string a money input shows ("12.50"). */
export function centsToInput(cents) {
  return cents === null || cents === undefined ? '' : (Number(cents) / 100).toFixed(2);
}

/** "12.5", "1,234.56", "$3" -> cents; NaN when it is not an amount. */
export function parseMoney(text) {
  const cleaned = String(text).replace(/[\s,$€£]/g, '');
  if (!/^-?\d+(\.\d{0,2})?$/.test(cleaned)) return Number.NaN;
  const [whole, fraction = ''] = cleaned.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return cleaned.startsWith('-') ? -cents : cents;
}

/** Today's date as YYYY-MM-DD in local time, for date inputs' defaults. */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
