/**
 * Identity numbers compared with their check character in mind: a one-character difference that
 * the checksum exposes is a typo of the same number (strong evidence for a match), while two
 * valid numbers that differ belong to different people.
 *
 * @example
 * const d = new ResidentIdDict();
 * d.compare(d.intern('11010519491231002X'), d.intern('11010519491231020X')) // 2: checksum_typo
 */
import { ValueDict, type FeatureState } from './dict.ts';
import { IntColumn } from './buffers.ts';
import { parseCreditCode, parseResidentId } from '../values/resident-id.ts';
import { positionalEdits } from '../text/similarity.ts';
import { normalizeCode } from '../values/scalars.ts';

export class ResidentIdDict extends ValueDict {
  // No level for "same region and birth date": the birth date is compared on its own, and
  // different people born the same day in one county share it, so it would count twice.
  readonly levels = ['null', 'exact', 'checksum_typo', 'near', 'else'] as const;
  /** 1 when the value is a well-formed ID whose check character and date are right. */
  private valid = new IntColumn();

  // normalize() parses; addFeatures() of the same value (when new) reuses that parse.
  private last: { value: string; parsed: ReturnType<typeof parseResidentId> } | undefined;
  protected normalize(raw: string): string | null {
    const parsed = parseResidentId(raw);
    if (parsed === null) return normalizeCode(raw);
    this.last = { value: parsed.id, parsed };
    return parsed.id;
  }
  protected override addFeatures(_id: number, value: string): void {
    const parsed = this.last?.value === value ? this.last.parsed : parseResidentId(value);
    this.valid.push(parsed?.valid ? 1 : 0);
  }
  protected override exportFeatures(): FeatureState {
    return { valid: this.valid.toArray() };
  }
  protected override importFeatures(f: FeatureState): void {
    this.valid = IntColumn.of(f.valid as Int32Array);
  }
  compare(a: number, b: number): number {
    const x = this.value(a);
    const y = this.value(b);
    const bothValid = this.valid.data[a] === 1 && this.valid.data[b] === 1;
    if (!bothValid) {
      const d = positionalEdits(x, y, 2);
      if (d === 1) return 2;
      if (d === 2) return 3;
    }
    return 4;
  }
  /** Valid and equal: the deterministic rule applies. */
  isValid(id: number): boolean {
    return this.valid.data[id] === 1;
  }
}

export class CreditCodeDict extends ValueDict {
  readonly levels = ['null', 'exact', 'checksum_typo', 'else'] as const;
  private valid = new IntColumn();
  protected normalize(raw: string): string | null {
    const parsed = parseCreditCode(raw);
    return parsed ? parsed.code : normalizeCode(raw);
  }
  protected override addFeatures(_id: number, value: string): void {
    this.valid.push(parseCreditCode(value)?.valid ? 1 : 0);
  }
  protected override exportFeatures(): FeatureState {
    return { valid: this.valid.toArray() };
  }
  protected override importFeatures(f: FeatureState): void {
    this.valid = IntColumn.of(f.valid as Int32Array);
  }
  compare(a: number, b: number): number {
    if (this.valid.data[a] === 1 && this.valid.data[b] === 1) return 3;
    return positionalEdits(this.value(a), this.value(b), 1) <= 1 ? 2 : 3;
  }
  isValid(id: number): boolean {
    return this.valid.data[id] === 1;
  }
}
