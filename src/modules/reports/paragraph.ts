// The paragraph for a work summary (工作总结), drafted from a report's figures
// only, in the style the summaries use: 「2023年，县XX局组织帮扶责任人通过平台
// 购买XX村鸡蛋、花生等农副产品，直接消费帮扶采购共计4.47万元；帮助销售鲜桃5000斤。」
import { jin, wan } from './format.ts';
import { periodLabel } from './periods.ts';
import type { VillageReport } from './village-report.server.ts';

export interface ParagraphProduct {
  name: string;
  amount: bigint;
  grams: bigint;
}

export interface VillageParagraphInput {
  periodLabel: string; // 2026年上半年
  village: string;
  total: bigint;
  byChannel: { personal: bigint; unit_purchase: bigint; staff_purchase: bigint; brokered: bigint };
  products: ParagraphProduct[]; // sold through the platform, biggest first
  brokered: ParagraphProduct[]; // 帮助销售, biggest first
  households: { households: number; lifted: number };
}

const list = (names: string[], max = 4) => (names.length > max ? `${names.slice(0, max).join('、')}等` : names.join('、'));
const soldThroughPlatform = (c: VillageParagraphInput['byChannel']) => c.personal + c.unit_purchase + c.staff_purchase;

function brokeredClause(items: ParagraphProduct[]): string {
  const withWeight = items.filter((p) => p.grams > 0n);
  if (withWeight.length > 0)
    return `帮助销售${withWeight
      .slice(0, 3)
      .map((p) => `${p.name}${jin(p.grams)}斤`)
      .join('、')}`;
  const sum = items.reduce((a, p) => a + p.amount, 0n);
  return `帮助销售农产品${wan(sum)}万元`;
}

export function villageParagraph(r: VillageParagraphInput): string {
  const platform = soldThroughPlatform(r.byChannel);
  if (r.total === 0n) return `${r.periodLabel}，${r.village}暂无通过平台销售的记录。`;
  const parts: string[] = [];
  if (platform > 0n) {
    const split = (
      [
        ['个人消费', r.byChannel.personal],
        ['帮扶单位采购', r.byChannel.unit_purchase],
        ['单位职工购买', r.byChannel.staff_purchase],
      ] as const
    )
      .filter(([, v]) => v > 0n)
      .map(([k, v]) => `${k}${wan(v)}万元`);
    const goods = list(r.products.filter((p) => p.amount > 0n).map((p) => p.name));
    parts.push(`通过帮扶集市平台销售${r.village}${goods ? `${goods}` : ''}农产品共计${wan(platform)}万元${split.length > 1 ? `，其中${split.join('、')}` : ''}`);
  }
  if (r.byChannel.brokered > 0n && r.brokered.length > 0) parts.push(brokeredClause(r.brokered));
  let text = `${r.periodLabel}，${parts.join('；')}`;
  if (r.households.households > 0) text += `，带动${r.households.households}户农户增收${r.households.lifted > 0 ? `，其中脱贫户${r.households.lifted}户` : ''}`;
  return `${text}。`;
}

export interface UnitParagraphInput {
  periodLabel: string;
  unit: string;
  villages: string[]; // biggest first
  products: string[]; // biggest first
  unitPurchase: bigint;
  staffPurchase: bigint;
  brokered: ParagraphProduct[];
}

export function unitParagraph(r: UnitParagraphInput): string {
  const direct = r.unitPurchase + r.staffPurchase;
  if (direct === 0n && r.brokered.length === 0) return `${r.periodLabel}，${r.unit}暂无通过平台开展消费帮扶的记录。`;
  const who = r.staffPurchase > 0n && r.unitPurchase === 0n ? '组织帮扶责任人' : r.staffPurchase > 0n ? '组织单位及帮扶责任人' : '';
  const goods = list(r.products);
  const parts: string[] = [];
  if (direct > 0n) {
    const split = r.unitPurchase > 0n && r.staffPurchase > 0n ? `（其中单位采购${wan(r.unitPurchase)}万元、职工购买${wan(r.staffPurchase)}万元）` : '';
    parts.push(`${r.unit}${who}通过平台购买${list(r.villages, 3)}${goods}等农副产品，直接消费帮扶采购共计${wan(direct)}万元${split}`);
  } else parts.push(r.unit);
  if (r.brokered.length > 0) parts.push(brokeredClause(r.brokered));
  return `${r.periodLabel}，${parts.join('；')}。`;
}

/** The village paragraph straight from a village report. */
export function paragraphForVillage(r: VillageReport): string {
  return villageParagraph({
    periodLabel: periodLabel(r.period, 'zh'),
    village: r.village?.name ?? '',
    total: r.total,
    byChannel: r.byChannel,
    products: r.byProduct.map((p) => ({ name: p.name, amount: p.amount, grams: p.grams })),
    brokered: r.brokered,
    households: r.households,
  });
}
