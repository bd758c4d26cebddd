/** A small seeded PRNG (mulberry32): the same seed gives the same cases on every run. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  int(max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** 1..max distinct items (or fewer if the pool is smaller). */
  some<T>(items: readonly T[], max: number): T[];
  /** `length` characters drawn from `alphabet` (default: printable ASCII). */
  text(length: number, alphabet?: string): string;
}

const PRINTABLE = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~';

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return {
    next,
    int,
    chance: (p) => next() < p,
    text(length, alphabet = PRINTABLE) {
      // The same draws, in the same order, as mapping over the length; without building an array first.
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[int(alphabet.length)];
      return out;
    },
    pick,
    some(items, max) {
      const count = 1 + int(Math.min(max, items.length));
      const pool = [...items];
      const out: (typeof items)[number][] = [];
      while (out.length < count) out.push(pool.splice(int(pool.length), 1)[0]!);
      return out;
    },
  };
}
