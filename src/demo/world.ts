import type { County } from './division.ts';
import type { Estate } from './housing.ts';

/**
 * The generated county: every person, household, house and business, held as columns of
 * typed arrays (about 55 bytes per person) so that a million persons fit in ~60 MB and
 * department writers can stream rows without building objects.
 * Index i of every person array describes person i (truth id `P` + (i+1) padded).
 */
export interface Persons {
  readonly count: number;
  /** 1 male, 2 female (GB/T 2261.1). */
  readonly sex: Uint8Array;
  /** Birth day (days since 1970-01-01). */
  readonly birth: Int32Array;
  /** Index into ETHNIC_GROUPS. */
  readonly ethnicity: Uint8Array;
  /** Index into World.surnames. */
  readonly surname: Uint16Array;
  /** Indices into World.givenChars; NO_CHAR when the given name has one character. */
  readonly given1: Uint16Array;
  readonly given2: Uint16Array;
  /** Index into World.regions: the address code the ID number was issued under. */
  readonly region: Uint16Array;
  /** The 3-digit sequence part of the ID number (odd for men). */
  readonly seq: Uint16Array;
  /** Mobile number as a number; 0 when none. */
  readonly phone: Float64Array;
  readonly household: Int32Array;
  /** Index into RELATIONS. */
  readonly relation: Uint8Array;
  /** Current house; -1 after moving out of the county. */
  readonly house: Int32Array;
  /** House before the last move (within or out of the county); -1 when never moved. */
  readonly prevHouse: Int32Array;
  /** Day of the last move; 0 when never moved. */
  readonly moveDay: Int32Array;
  /** 1 when the last move left the county. */
  readonly movedOut: Uint8Array;
  /** Day of death; 0 when alive. */
  readonly death: Int32Array;
  /** Employing business; -1 when none. */
  readonly employer: Int32Array;
  /** Bit flags: HYPERTENSION, DIABETES. */
  readonly health: Uint8Array;
  /** Disability as category*10 + level (category 1..7, level 1..4); 0 when none. */
  readonly disability: Uint8Array;
}

export const NO_CHAR = 0xffff;
export const HYPERTENSION = 1;
export const DIABETES = 2;

/** 与户主关系 as the household register writes it. */
export const RELATIONS = ['户主', '配偶', '子', '女', '父亲', '母亲', '孙子', '孙女', '儿媳', '女婿', '兄弟', '姐妹', '其他'] as const;
export type Relation = (typeof RELATIONS)[number];
export const REL = Object.fromEntries(RELATIONS.map((r, i) => [r, i])) as Record<Relation, number>;

export const DISABILITY_CATEGORIES = ['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '精神残疾', '多重残疾'] as const;
export const DISABILITY_LEVELS = ['一级', '二级', '三级', '四级'] as const;

export interface Households {
  readonly count: number;
  /** First member; members are contiguous and the first is the head. */
  readonly start: Int32Array;
  readonly size: Uint8Array;
  /** 1 低保 (minimum living allowance), 2 特困 (destitute support); 0 none. */
  readonly assistance: Uint8Array;
  /** For households that moved out: index into County.otherCounties; -1 otherwise. */
  readonly movedTo: Int16Array;
}

export interface Houses {
  readonly count: number;
  readonly village: Uint16Array;
  /** Index into World.estates; -1 for a rural house. */
  readonly estate: Int32Array;
  /** Building number (apartment) or house number (rural). */
  readonly building: Uint16Array;
  readonly unit: Uint8Array;
  /** Room number such as 502 (floor 5, door 2); 0 for a rural house. */
  readonly room: Uint16Array;
  /** Floor area in 0.01 m². */
  readonly area: Uint32Array;
  /** Owning household; -1 for none (unsold). */
  readonly owner: Int32Array;
  /** Day the house was first registered. */
  readonly registered: Int32Array;
}

export interface Business {
  readonly uscc: string;
  readonly name: string;
  /** '有限责任公司（自然人投资或控股）', '个体工商户', ... */
  readonly type: string;
  readonly legalRep: number;
  readonly village: number;
  readonly address: string;
  readonly established: number;
  readonly status: '存续' | '在业' | '注销' | '吊销';
  /** Registered capital in 10,000 yuan; 0 for 个体工商户 (资金数额 not registered). */
  readonly capital: number;
  readonly scope: string;
  readonly phone: string;
  /** True for businesses that employ staff (companies, sole proprietorships, cooperatives). */
  readonly employs: boolean;
}

export interface World {
  readonly seed: string;
  readonly county: County;
  /** Address codes of ID numbers; index 0 is the county itself. */
  readonly regions: readonly string[];
  readonly surnames: readonly string[];
  readonly givenChars: readonly string[];
  readonly persons: Persons;
  readonly households: Households;
  readonly houses: Houses;
  readonly estates: readonly Estate[];
  /** Name a village went by before a merger or 撤村建居; undefined when none. */
  readonly oldVillageNames: readonly (string | undefined)[];
  readonly businesses: readonly Business[];
}

/** Truth ids: P0000001, H0000001, B000001, HH0000001. */
export const personId = (i: number) => `P${String(i + 1).padStart(7, '0')}`;
export const houseId = (i: number) => `H${String(i + 1).padStart(7, '0')}`;
export const businessId = (i: number) => `B${String(i + 1).padStart(6, '0')}`;
/** 户号 as the register prints it (9 digits). */
export const householdNo = (i: number) => String(310000001 + i);
