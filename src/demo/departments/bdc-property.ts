import { AS_OF, formatDay, ymdOf } from '../dates.ts';
import { addressParts, formatAddress } from '../housing.ts';
import { ageNow, idNumber, personName } from '../person-format.ts';
import { hashKey, hashUnit } from '../prng.ts';
import { houseId, personId, REL, type World } from '../world.ts';
import type { FileSpec, RowContext, RowInput } from './types.ts';

/**
 * 住建/不动产 不动产登记信息: registered houses and their owners, one row per owner (a
 * couple's 共同共有 house has two rows). Flats are almost all registered, rural houses on
 * 宅基地 only about half (确权 is still under way). GBK CSV with CRLF; times as
 * 2015-06-12 10:23:45.
 */
const PROVINCE_ABBR: Readonly<Record<string, string>> = {
  '11': '京', '12': '津', '13': '冀', '14': '晋', '15': '蒙', '21': '辽', '22': '吉', '23': '黑', '31': '沪', '32': '苏', '33': '浙',
  '34': '皖', '35': '闽', '36': '赣', '37': '鲁', '41': '豫', '42': '鄂', '43': '湘', '44': '粤', '45': '桂', '46': '琼', '50': '渝',
  '51': '川', '52': '贵', '53': '云', '54': '藏', '61': '陕', '62': '甘', '63': '青', '64': '宁', '65': '新',
};

function pad(n: number, len: number): string {
  return String(n).padStart(len, '0');
}

/** 28-character 不动产单元号: 宗地代码 (region, 地籍区, 地籍子区, 特征码, 顺序号) + 定着物代码. */
export function unitNumber(w: World, h: number): string {
  const t = w.houses;
  const village = w.county.villages[t.village[h] as number]!;
  const zone = village.code.slice(6, 9) + village.code.slice(9, 12);
  if ((t.estate[h] as number) >= 0) {
    const ordinal = (t.estate[h] as number) % 100000;
    return `${w.county.code}${zone}GB${pad(ordinal, 5)}F${pad(t.building[h] as number, 4)}${pad(((t.unit[h] as number) - 1) * 100 + ((t.room[h] as number) % 100) + Math.floor((t.room[h] as number) / 100) * 2, 4)}`;
  }
  return `${w.county.code}${zone}JC${pad(t.building[h] as number, 5)}F00010001`;
}

export const bdcProperty: FileSpec = {
  key: 'bdc-property',
  department: 'ZJJ',
  departmentName: (w) => `${w.county.name}住房和城乡建设局`,
  title: '房屋及权属登记信息',
  fileName: (w) => `${w.county.name}住建局_房屋及权属登记信息_20240615.csv`,
  type: 'csv',
  encoding: 'gbk',
  lineEnding: '\r\n',
  dateStyle: 'datetime',
  addressForm: 'full',
  entity: 'house',
  dirtiness: 0.5,
  coverage: '已登记房屋：商品房约 95%，农村宅基地房屋约 55%；每个权利人一行 / registered houses, one row per owner',
  staleness: '权利人死亡后未办继承转移登记 / owners who died, not yet transferred to heirs',
  columns: [
    { header: '不动产单元号', meaning: 'house.unit_no', required: true, format: '28 位 / 28 characters' },
    { header: '不动产权证号', meaning: 'house.certificate_no', required: true },
    { header: '权利人', meaning: 'house.owner.name', required: true, role: 'name', check: 'name' },
    { header: '证件种类', meaning: 'dept.id_type', format: '身份证' },
    { header: '证件号码', meaning: 'house.owner.id_number', required: true, role: 'id', check: 'id' },
    { header: '共有情况', meaning: 'house.co_ownership', check: 'enum', values: ['单独所有', '共同共有'] },
    { header: '坐落', meaning: 'house.address', required: true, role: 'address', format: '省市县乡村及门牌 / full address' },
    { header: '建筑面积（㎡）', meaning: 'house.area', required: true, check: 'number' },
    { header: '规划用途', meaning: 'house.usage', check: 'enum', values: ['住宅'] },
    { header: '权利性质', meaning: 'house.right_type', check: 'enum', values: ['市场化商品房', '宅基地使用权'] },
    { header: '登记时间', meaning: 'house.registered', required: true, check: 'date', format: 'datetime' },
    { header: '登记类型', meaning: 'dept.registration_type', check: 'enum', values: ['首次登记', '转移登记'] },
  ],
  *rows(ctx) {
    const w = ctx.world;
    const t = w.houses;
    const key = hashKey(ctx.seed, 'bdc-registered');
    const coKey = hashKey(ctx.seed, 'bdc-co-owned');
    const abbr = PROVINCE_ABBR[w.county.province.code] ?? '';
    for (let h = 0; h < t.count; h++) {
      const flat = (t.estate[h] as number) >= 0;
      if (hashUnit(key, h) >= (flat ? 0.95 : 0.55)) continue;
      const hh = t.owner[h] as number;
      if (hh < 0) continue;
      const start = w.households.start[hh] as number;
      const end = start + (w.households.size[hh] as number);
      let spouse = -1;
      for (let i = start + 1; i < end; i++) if (w.persons.relation[i] === REL.配偶) spouse = i;
      const owners = spouse >= 0 && hashUnit(coKey, h) < 0.6 ? [start, spouse] : [start];
      const registered = t.registered[h] as number;
      const cert = `${abbr}（${Math.floor(ymdOf(registered) / 10000)}）${w.county.name}不动产权第${String(((h * 7919) % 9000000) + 1000000)}号`;
      for (const owner of owners) {
        const row = ownerRow(ctx, h, owner, owners, registered, cert, start, end);
        if (row) yield row;
      }
    }
  },
};

function ownerRow(ctx: RowContext, h: number, owner: number, owners: readonly number[], registered: number, cert: string, start: number, end: number): RowInput | null {
  const w = ctx.world;
  const p = w.persons;
  let who = owner;
  let kind = '首次登记';
  let when = registered;
  const marks: string[] = [];
  const died = p.death[owner] as number;
  if (died !== 0 && (died < registered || !ctx.decide('stale_dead'))) {
    // Inherited: the first living adult of the household holds the house now.
    who = -1;
    for (let i = start; i < end; i++) {
      if (!owners.includes(i) && p.death[i] === 0 && ageNow(p, i) >= 18) { who = i; break; }
    }
    if (who < 0) return null;
    kind = '转移登记';
    when = Math.max(died, registered) + 30 + ctx.rng.int(300);
    if (when > AS_OF) when = AS_OF - 1;
  } else if (died !== 0) {
    marks.push('stale_dead');
  }
  const parts = addressParts(w, h);
  const flat = (w.houses.estate[h] as number) >= 0;
  return {
    entity: houseId(h),
    person: personId(who),
    cells: [
      unitNumber(w, h), cert, personName(w, who), '身份证', idNumber(w, who), owners.length > 1 ? '共同共有' : '单独所有', formatAddress(parts, 'full'),
      ((w.houses.area[h] as number) / 100).toFixed(2), '住宅', flat ? '市场化商品房' : '宅基地使用权',
      // Co-owners are registered in one transaction: the time of day follows the house.
      formatDay(when, 'datetime', 8 * 3600 + ((h * 7919 + (who === owner ? 0 : 17)) % (9 * 3600))), kind,
    ],
    address: parts,
    marks,
  };
}
