/** ISO 8601 basic format, second precision, UTC: '20150830T123600Z'. */
export function formatAmzDate(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}
