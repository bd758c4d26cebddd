/** The ISO 8601 basic-format timestamps of SigV4 (X-Amz-Date, the string to sign). */

const BASIC_FORMAT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * A timestamp in ISO 8601 basic format ('20150830T123600Z'), or undefined when the text is not
 * one or names an impossible time (month 13, 30 February, second 60).
 */
export function parseAmzDate(value: string): Date | undefined {
  const match = BASIC_FORMAT.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const time = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const roundTrips =
    time.getUTCFullYear() === year &&
    time.getUTCMonth() === month - 1 &&
    time.getUTCDate() === day &&
    time.getUTCHours() === hour &&
    time.getUTCMinutes() === minute &&
    time.getUTCSeconds() === second;
  return roundTrips ? time : undefined;
}

/** ISO 8601 basic format, second precision, UTC: '20150830T123600Z'. */
export function formatAmzDate(time: Date): string {
  return time
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}
