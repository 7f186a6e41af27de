/**
 * Characters that clerks mistake for one another by shape (己/已/巳) — the sound-alike ones
 * (张/章, 晓/小) are caught by pinyin instead.
 *
 * @example
 * confusable('己', '已') // true
 */
const GROUPS = [
  '己已巳', '戊戌戍戎', '未末', '日曰', '土士', '干千于', '天夭', '王玉主', '人入八', '大太犬', '刀力',
  '贝见', '拔拨', '析折', '侯候', '杨扬', '汩汨', '兔免', '鸟乌', '壶壸', '祟崇', '冶治', '泪汨',
  '晴睛', '辩辨瓣', '微徽', '栗粟', '茶荼', '炙灸', '毫毛', '岛鸟', '今令', '失矢', '田由甲申',
  '处外', '丐丏', '刺剌', '拆折', '侍待', '洒酒', '鸣呜', '候堠', '宸辰', '臣巨', '于干', '丈文',
  '斤斥', '免兔', '亨享', '仑伦', '玫枚', '琪祺', '瑜愉', '蕾雷', '婷亭', '莹滢', '淑叔', '娟鹃',
  '秀季', '俊峻骏', '浩皓', '杰洁', '红虹', '彬斌',
];

const GROUP_OF = new Map<string, number>();
GROUPS.forEach((group, index) => {
  const g = index + 1;
  for (const ch of group) {
    // A character in two groups keeps both by chaining to a combined key.
    const prev = GROUP_OF.get(ch);
    GROUP_OF.set(ch, prev === undefined ? g : prev * 1000 + g);
  }
});

export function confusable(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = GROUP_OF.get(a);
  const gb = GROUP_OF.get(b);
  if (ga === undefined || gb === undefined) return false;
  return groupsOf(ga).some((g) => groupsOf(gb).includes(g));
}

function groupsOf(code: number): number[] {
  const out: number[] = [];
  let c = code;
  do {
    out.push(c % 1000);
    c = Math.floor(c / 1000);
  } while (c > 0);
  return out;
}
