/** Small seeded PRNG (mulberry32): same seed, same account, on every machine. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** 32 lower-case hex characters, like PagerDuty's incident and alert keys (cheap: 4 draws). */
  hexKey(): string {
    let out = '';
    for (let i = 0; i < 4; i++) out += Math.floor(this.next() * 4294967296).toString(16).padStart(8, '0');
    return out;
  }

  token(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(this.next() * ALPHABET.length)];
    return out;
  }
}
