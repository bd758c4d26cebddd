/**
 * The seed and scale of a generated test, from the variables named (`seedVar`: a whole number; `scaleVar`: above 0)
 * when set: a bad value names its variable rather than running a different test.
 */
export function seedAndScale(seedVar: string, scaleVar: string, defaultSeed: number): { seed: number; scale: number } {
  const seedText = process.env[seedVar];
  const seed = Number(seedText ?? defaultSeed);
  if (!Number.isSafeInteger(seed)) throw new Error(`${seedVar} must be a whole number, got "${seedText}"`);
  const scaleText = process.env[scaleVar];
  const scale = Number(scaleText ?? 1);
  if (!(scale > 0)) throw new Error(`${scaleVar} must be a number above 0, got "${scaleText}"`);
  return { seed, scale };
}
