// Demo village 4 of 9 — Anhui · garlic and gongcai.

import type { DemoVillage } from '../types.ts';

export const liuhuGuoyang: DemoVillage = {
  slug: 'liuhu-guoyang',
  name: '柳湖村',
  nameEn: 'Liuhu Village',
  province: '安徽省',
  provinceEn: 'Anhui',
  city: '亳州市',
  county: '涡阳县',
  township: '义门镇',
  story:
    '柳湖村是原省级贫困村，2017年出列。村里种大蒜、贡菜已有几十年，过去都等贩子上门收，价格压得很低。驻村工作队牵头成立村集体企业，建起冷库和贡菜晾晒场，统一收购、分级、包装，结对帮扶单位的食堂和工会长期采购。大蒜丰收的年份常有上万斤一时卖不出去，现在通过平台和帮扶单位分批销售。',
  storyEn:
    'Liuhu was a provincially listed poor village until 2017. It has grown garlic and gongcai for decades, but used to wait for traders to come and buy, at very low prices. The village work team led the founding of a village collective enterprise, which built a cold store and a drying yard for gongcai and now buys, grades and packs the crop together; the paired units’ canteens and trade unions are regular buyers. In bumper garlic years tens of thousands of jin can go unsold for a while; today they are sold in batches through the platform and the paired units.',
  image: 'garlic-plain.svg',
  producers: [
    {
      key: 'collective',
      kind: 'collective_enterprise',
      name: '涡阳县柳湖村集体经济发展有限公司',
      nameEn: 'Guoyang County Liuhu Village Collective Economy Development Co., Ltd.',
    },
  ],
  products: [
    {
      slug: 'guoyang-garlic',
      category: 'veg-dried',
      producer: 'collective',
      name: '涡阳大蒜',
      nameEn: 'Guoyang garlic',
      summary: '村冷库储存的干蒜头，蒜瓣紧实，全年可发货',
      summaryEn: 'Dry garlic bulbs kept in the village cold store; firm cloves, shipped all year',
      description:
        '五月下旬收获，晾晒后剪根剪秆，按头径分级后存入村集体冷库，全年都能发货。蒜头饱满，蒜瓣紧实，辣味足。单位食堂批量采购可享阶梯价，也可开具发票。收到后请放在通风干燥处，不要装在密封袋里。',
      descriptionEn:
        'Harvested in late May, sun-dried, trimmed of roots and stalks, graded by bulb diameter and kept in the village collective’s cold store, so it ships all year. The bulbs are full, the cloves firm and pungent. Canteens buying in bulk get tiered prices, and invoices can be issued. Keep the garlic somewhere airy and dry, not in a sealed bag.',
      image: 'garlic.svg',
      featured: true,
      credentials: [{ kind: 'poverty_alleviation', certificateNo: 'FP-341621-2020-0158', issuer: '涡阳县乡村振兴局' }],
      variants: [
        {
          sku: 'GY-GARLIC-JIN',
          name: '散装·按斤称(头径5cm以上)',
          nameEn: 'Loose, by the jin (bulbs 5 cm+)',
          priceFen: 680,
          saleUnit: 'jin',
          netGrams: 500,
          stock: 20000,
          minQuantity: 5,
          tiers: [
            { minQuantity: 500, priceFen: 480 },
            { minQuantity: 5000, priceFen: 400 },
          ],
        },
        {
          sku: 'GY-GARLIC-10J',
          name: '10斤装·网袋(头径5.5cm以上)',
          nameEn: '10 jin mesh bag (bulbs 5.5 cm+)',
          priceFen: 4980,
          saleUnit: 'bag',
          netGrams: 5000,
          stock: 1500,
        },
      ],
    },
    {
      slug: 'guoyang-gongcai',
      category: 'veg-dried',
      producer: 'collective',
      name: '涡阳贡菜(苔干)',
      nameEn: 'Guoyang gongcai (dried celtuce stems)',
      summary: '莴苣茎秆切条自然晾干，泡发后口感清脆',
      summaryEn: 'Celtuce stems cut into strips and air-dried; crunchy once soaked',
      description:
        '贡菜又叫苔干，是一种只取茎秆的莴苣，削皮后切成长条，挂在晾晒架上自然晾干，颜色青绿。吃之前用温水泡发二三十分钟，凉拌、清炒、炖肉都可以，口感脆嫩。请密封放在阴凉干燥处，开袋后尽快食用。',
      descriptionEn:
        'Gongcai, also called taigan, is a celtuce grown only for its stem: the stems are peeled, cut into long strips and hung on racks to dry in the air, keeping a green colour. Soak in warm water for 20–30 minutes before use, then dress it cold, stir-fry it or stew it with meat — it stays crisp and tender. Keep sealed somewhere cool and dry, and use soon after opening.',
      image: 'gongcai.svg',
      credentials: [
        { kind: 'geographical_indication', certificateNo: 'AGI00627', issuer: '农业农村部' },
        { kind: 'poverty_alleviation', certificateNo: 'FP-341621-2020-0159', issuer: '涡阳县乡村振兴局' },
      ],
      variants: [
        {
          sku: 'GY-GONGCAI-250G',
          name: '250g·袋装',
          nameEn: '250 g bag',
          priceFen: 2980,
          saleUnit: 'bag',
          netGrams: 250,
          stock: 800,
        },
        {
          sku: 'GY-GONGCAI-500G',
          name: '500g·袋装',
          nameEn: '500 g bag',
          priceFen: 5280,
          saleUnit: 'bag',
          netGrams: 500,
          stock: 500,
        },
      ],
    },
    {
      slug: 'guoyang-black-garlic',
      category: 'veg-dried',
      producer: 'collective',
      name: '独头黑蒜',
      nameEn: 'Single-clove black garlic',
      summary: '本村独头蒜恒温发酵两个多月，软糯酸甜',
      summaryEn: 'The village’s single-clove garlic, slowly aged for over two months; soft, sweet and tangy',
      description: '用本村的独头蒜，在村集体加工车间的发酵箱里恒温发酵六十多天，不添加任何配料。剥开即食，口感软糯，酸甜，没有生蒜的辣味。开封后请冷藏保存。',
      descriptionEn:
        'Single-clove garlic from the village, aged for over sixty days at a steady temperature in the collective’s workshop, with nothing added. Peel and eat: soft and chewy, sweet and tangy, with none of raw garlic’s bite. Refrigerate after opening.',
      image: 'garlic.svg',
      variants: [
        {
          sku: 'GY-BLACK-GARLIC-500G',
          name: '500g·盒装',
          nameEn: '500 g box',
          priceFen: 3980,
          saleUnit: 'box',
          netGrams: 500,
          stock: 260,
        },
      ],
    },
  ],
};
