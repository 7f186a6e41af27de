import { AS_OF, dayOf } from './dates.ts';
import { makeUscc, USCC_CHARSET } from './check-codes.ts';
import type { County } from './division.ts';
import { ageNow } from './person-format.ts';
import { mobileNumber, type Population } from './population.ts';
import { rngFor, Weighted, type Rng } from './prng.ts';
import type { Business } from './world.ts';

/**
 * Market entities registered in the county — individual businesses, companies, farmers'
 * cooperatives — each with a unified social credit code and a legal representative drawn
 * from the population; some of the county's working-age people are employed by them.
 *
 * @example
 * const list = buildBusinesses(county, '7', pop);
 * list[0]?.uscc; // '92371321MA…'
 */
const BRANDS = [
  '鑫源', '华盛', '宏达', '金鼎', '恒通', '永兴', '瑞丰', '盛世', '东方', '鸿运', '泰和', '嘉禾', '福润', '万通', '兴旺',
  '佳美', '聚福', '金源', '天成', '新华', '绿源', '富民', '昌盛', '润泽', '德信', '华泰', '利民', '顺达', '广源', '宏远',
  '诚信', '金泰', '康泰', '鼎盛', '汇通', '安泰', '惠民', '丰源', '金穗', '博远', '恒信', '天泽', '卓越', '新锐', '合力',
  '同创', '益民', '众诚', '友谊', '红星', '春晖', '百川', '嘉诚', '盛源', '祥和', '旭日', '宏图', '荣达', '民安', '万家',
];
const COMPANY_LINES: readonly (readonly [string, string])[] = [
  ['商贸', '日用百货、五金交电、建筑材料销售'], ['建材', '建筑材料、装饰材料销售'], ['农业科技', '农业技术推广服务；蔬菜、水果种植'],
  ['食品', '食品生产；食品销售'], ['物流', '道路货物运输（不含危险货物）；普通货物仓储服务'], ['机械', '农业机械制造；机械零部件加工'],
  ['建筑工程', '房屋建筑工程施工；市政公用工程施工'], ['电子科技', '电子产品销售；信息技术咨询服务'], ['服装', '服装加工；服装服饰零售'],
  ['木业', '木材加工；人造板制造'], ['环保科技', '环保技术服务；污水处理及其再生利用'], ['文化传媒', '广告设计、制作、发布；会议及展览服务'],
  ['汽车销售服务', '汽车销售；机动车维修'], ['餐饮管理', '餐饮服务；餐饮管理'],
];
const SHOP_LINES: readonly (readonly [string, string])[] = [
  ['便利店', '日用百货、预包装食品零售'], ['超市', '日用百货、预包装食品、散装食品零售'], ['饭店', '餐饮服务'], ['理发店', '理发服务'],
  ['五金店', '五金产品零售'], ['农资店', '化肥、农药（不含危险化学品）、种子零售'], ['家电维修部', '家用电器修理'],
  ['养殖场', '生猪、家禽饲养'], ['服装店', '服装服饰零售'], ['水果店', '新鲜水果零售'], ['建材经营部', '建筑材料销售'],
  ['汽车修理厂', '机动车维修'], ['烟酒店', '卷烟、雪茄烟、预包装食品零售'], ['快餐店', '餐饮服务'], ['粮油店', '粮油零售'],
];
const COOP_LINES = ['蔬菜种植', '果品种植', '中药材种植', '花生种植', '樱桃种植', '食用菌种植', '生猪养殖', '肉鸡养殖', '山羊养殖', '蛋鸡养殖'];
const ROADS = ['人民路', '建设路', '振兴路', '滨河路', '文化路', '新华路', '解放路', '府前街', '商业街', '工业园路', '中心街', '育才路'];
const TYPES = [
  ['个体工商户', '2'], ['有限责任公司（自然人投资或控股）', '1'], ['有限责任公司（自然人独资）', '1'], ['农民专业合作社', '3'], ['个人独资企业', '1'],
] as const;
const TYPE_DRAW = new Weighted([62, 19, 7, 7, 5]);
const STATUS_DRAW = new Weighted([70, 15, 10, 5]);
const STATUSES = ['存续', '在业', '注销', '吊销'] as const;
const CAPITALS = [10, 30, 50, 100, 200, 300, 500, 1000];

function orgBody(rng: Rng, established: number): string {
  // Codes assigned since the 2015 reform start with MA; older ones are the converted 组织机构代码 digits.
  let body = established >= dayOf(2015, 10, 1) ? 'MA' : '';
  while (body.length < 8) body += body.startsWith('MA') ? USCC_CHARSET[rng.int(31)] : String(rng.int(10));
  return body;
}

export function buildBusinesses(county: County, seed: string, pop: Population): Business[] {
  const rng = rngFor(seed, 'businesses');
  const p = pop.persons;
  const total = Math.max(10, Math.round(p.count / 22));
  const usedNames = new Set<string>();
  const usedCodes = new Set<string>();
  const list: Business[] = [];
  const countyName = county.name;
  const city = county.city.name === '市辖区' ? county.province.name.replace(/市$/, '') : county.city.name.replace(/市$/, '');
  for (let b = 0; b < total; b++) {
    let rep = rng.int(p.count);
    for (let tries = 0; tries < 60; tries++) {
      const age = ageNow(p, rep);
      if (age >= 22 && age <= 70 && p.death[rep] === 0 && (p.house[rep] as number) >= 0) break;
      rep = rng.int(p.count);
    }
    const [type, typeCode] = TYPES[TYPE_DRAW.sample(rng)]!;
    const individual = typeCode === '2';
    const first = individual ? dayOf(2005, 1, 1) : dayOf(1998, 1, 1);
    // Registrations grow over time: a square root skews establishment towards recent years.
    const established = first + Math.floor(Math.sqrt(rng.next()) * (AS_OF - 30 - first));
    const home = (p.house[rep] as number) >= 0 ? (p.house[rep] as number) : (p.prevHouse[rep] as number);
    const village = pop.houses.village[home] as number;
    const v = county.villages[village]!;
    const township = county.townships[v.townshipIndex]!.name;
    let name = '';
    let scope = '';
    for (let tries = 0; tries < 8 && (name === '' || usedNames.has(name)); tries++) {
      const brand = rng.pick(BRANDS);
      if (individual) {
        const [line, s] = rng.pick(SHOP_LINES);
        name = `${countyName}${township}${brand}${line}`;
        scope = s;
      } else if (typeCode === '3') {
        const line = rng.pick(COOP_LINES);
        name = `${countyName}${v.name.replace(/社区$/, '')}${brand}${line}专业合作社`;
        scope = `组织采购、供应成员所需的生产资料；组织收购、销售成员生产的产品；${line.replace(/(种植|养殖)$/, '')}${line.endsWith('养殖') ? '养殖' : '种植'}`;
      } else if (type === '个人独资企业') {
        name = `${countyName}${brand}${rng.pick(['商行', '加工厂', '经营部', '百货商店'])}`;
        scope = rng.pick(COMPANY_LINES)[1];
      } else {
        const [line, s] = rng.pick(COMPANY_LINES);
        name = `${rng.chance(0.3) ? city : countyName}${brand}${line}有限公司`;
        scope = s;
      }
    }
    if (usedNames.has(name)) name = `${name.replace(/(有限公司|专业合作社)$/, '')}${list.length}${name.match(/(有限公司|专业合作社)$/)?.[0] ?? '号'}`;
    usedNames.add(name);
    let uscc = '';
    do uscc = makeUscc('9', typeCode, county.code, orgBody(rng, established));
    while (usedCodes.has(uscc));
    usedCodes.add(uscc);
    const status = STATUSES[STATUS_DRAW.sample(rng)]!;
    const address = typeCode === '3'
      ? `${county.province.name}${county.city.name === '市辖区' ? '' : county.city.name}${countyName}${township}${v.name}`
      : `${county.province.name}${county.city.name === '市辖区' ? '' : county.city.name}${countyName}${township}${rng.pick(ROADS)}${rng.between(1, 300)}号`;
    const repPhone = p.phone[rep] as number;
    list.push({
      uscc, name, type, legalRep: rep, village, address, established, status,
      capital: individual ? 0 : typeCode === '3' ? rng.pick([50, 100, 200, 300, 500]) : type === '个人独资企业' ? rng.pick([10, 20, 50, 100]) : rng.pick(CAPITALS),
      scope,
      phone: String(repPhone > 0 && rng.chance(0.7) ? repPhone : mobileNumber(rng)),
      employs: !individual,
    });
  }
  assignEmployers(seed, pop, list);
  return list;
}

/** A quarter of working-age residents work for a local company and pay 职工 insurance there. */
function assignEmployers(seed: string, pop: Population, list: readonly Business[]): void {
  const rng = rngFor(seed, 'employment');
  const employers = list.flatMap((b, i) => (b.employs && (b.status === '存续' || b.status === '在业') ? [i] : []));
  if (employers.length === 0) return;
  const p = pop.persons;
  for (let i = 0; i < p.count; i++) {
    const age = ageNow(p, i);
    if (age < 20 || age > 59 || p.death[i] !== 0 || p.movedOut[i] === 1) continue;
    if (rng.chance(0.25)) p.employer[i] = employers[rng.int(employers.length)] as number;
  }
}
