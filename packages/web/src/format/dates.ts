/**
 * Dates as reviewers read them. Times are shown in US Eastern time, where CMS works, with the zone named, so a
 * state user in another zone is never left guessing.
 */
const TIME_ZONE = 'America/New_York';

const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});

const dateFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  month: '2-digit',
  day: '2-digit',
  year: 'numeric',
});

const timeFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Mar 4, 2025, 2:05 PM EST" */
export function formatDateTime(iso: string): string {
  const date = parse(iso);
  return date ? dateTimeFormat.format(date) : iso;
}

/** "03/04/2025", the way the dashboards list dates. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const date = parse(iso);
  return date ? dateFormat.format(date) : iso;
}

/** "2:05 PM EST" */
export function formatTime(iso: string): string {
  const date = parse(iso);
  return date ? timeFormat.format(date) : iso;
}

/** A calendar date (`YYYY-MM-DD`, no time or zone) as the dashboards list dates: "03/04/2025". */
export function formatCalendarDate(date: string | null): string {
  const match = date === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[2]}/${match[3]}/${match[1]}` : (date ?? '');
}
