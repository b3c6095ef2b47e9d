import type { Restriction } from '../api';

/*
 * Layer restrictions as one line of text, simple to type in a form:
 * "1-5 09:00-17:00" is Monday to Friday, business hours; windows are
 * separated by ";" and days may be listed ("6,7 10:00-14:00").
 */

const WINDOW = /^(\S+)\s+(\d{2}:\d{2})-(\d{2}:\d{2})$/;
const DAYS = /^[1-7](?:-[1-7])?$/;
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function daysOf(text: string): number[] {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-').map(Number);
    for (let day = from; day <= to; day++) days.add(day);
  }
  return [...days].sort((a, b) => a - b);
}

/** The restrictions a line describes, or an error naming what is wrong. */
export function parseRestrictions(
  text: string,
): { restrictions: Restriction[] } | { error: string } {
  const restrictions: Restriction[] = [];
  for (const raw of text.split(';')) {
    const part = raw.trim();
    if (!part) continue;
    const match = WINDOW.exec(part);
    if (
      !match ||
      !match[1].split(',').every(days => DAYS.test(days)) ||
      !TIME.test(match[2]) ||
      !TIME.test(match[3])
    ) {
      return {
        error: `"${part}" is not like "1-5 09:00-17:00" (ISO weekdays, Monday = 1)`,
      };
    }
    const days = daysOf(match[1]);
    if (days.length === 0) {
      return { error: `"${part}" has a day range that ends before it starts` };
    }
    restrictions.push({ days, start: match[2], end: match[3] });
  }
  return { restrictions };
}

function formatDays(days: number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < days.length) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++;
    parts.push(j > i ? `${days[i]}-${days[j]}` : `${days[i]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The line that `parseRestrictions` reads back as `restrictions`. */
export function formatRestrictions(restrictions: Restriction[]): string {
  return restrictions
    .map(r => `${formatDays(r.days)} ${r.start}-${r.end}`)
    .join('; ');
}
