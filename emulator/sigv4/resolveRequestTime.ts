import { formatAmzDate, parseAmzDate } from './amzDate';
import type { SignatureClaim } from './readSignatureClaim';
import { rejections } from './rejections';
import type { Rejection } from './types';

export interface RequestTime {
  /** ISO 8601 basic format, as it goes into the string to sign. */
  amzDate: string;
  time: Date;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * The signing time. X-Amz-Date must be ISO 8601 basic format; a `Date` header (used only when
 * there is no X-Amz-Date) may also be an HTTP date ('Sun, 30 Aug 2015 12:36:00 GMT'), which is
 * signed as its basic-format equivalent.
 */
export function resolveRequestTime(date: SignatureClaim['date']): RequestTime | Rejection {
  const basic = parseAmzDate(date.value);
  // A basic-format timestamp that parses is its own basic format (parseAmzDate accepts only times that round-trip).
  if (basic) return { amzDate: date.value, time: basic };
  const time = date.from === 'date' ? parseHttpDate(date.value) : undefined;
  if (!time) return rejections.badDate(date.value);
  return { amzDate: formatAmzDate(time), time };
}

function parseHttpDate(value: string): Date | undefined {
  const match = IMF_FIXDATE.exec(value);
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2]!);
  if (month < 0) return undefined;
  const basic = `${match[3]}${String(month + 1).padStart(2, '0')}${match[1]}T${match[4]}${match[5]}${match[6]}Z`;
  return parseAmzDate(basic);
}
