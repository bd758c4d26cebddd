import { formatAmzDate } from './amzDate';
import { rejections } from './rejections';
import type { Rejection } from './types';

export interface FreshnessInput {
  /** The signing time and its text as signed. */
  time: Date;
  amzDate: string;
  now: Date;
  maxSkewMs: number;
  /** X-Amz-Expires as sent, for a presigned URL. */
  expires?: string;
}

const MAX_EXPIRES_SECONDS = 7 * 24 * 60 * 60;

/**
 * Refuses a signature from too far in the future (more than the skew ahead of now), and one
 * that is no longer valid: older than the skew for a header signature, past X-Amz-Expires for a
 * presigned URL (X-Amz-Expires, when present, must be 1..604800 seconds; without it the skew
 * applies as for a header).
 */
export function checkFreshness({ time, amzDate, now, maxSkewMs, expires }: FreshnessInput): Rejection | undefined {
  const skewText = describeWindow(maxSkewMs);
  if (time.getTime() > now.getTime() + maxSkewMs) {
    return rejections.signatureNotYetCurrent(amzDate, format(now.getTime() + maxSkewMs), formatAmzDate(now), skewText);
  }
  let validMs = maxSkewMs;
  let validText = skewText;
  if (expires !== undefined) {
    if (!/^\d{1,6}$/.test(expires) || Number(expires) < 1 || Number(expires) > MAX_EXPIRES_SECONDS) {
      return rejections.badExpires(expires);
    }
    validMs = Number(expires) * 1000;
    validText = `${Number(expires)} sec`;
  }
  if (time.getTime() < now.getTime() - validMs) {
    return rejections.signatureExpired(amzDate, format(now.getTime() - validMs), formatAmzDate(now), validText);
  }
  return undefined;
}

const format = (ms: number): string => formatAmzDate(new Date(ms));

/** '5 min' for whole minutes (AWS's text), else seconds. */
const describeWindow = (ms: number): string =>
  ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} sec`;
