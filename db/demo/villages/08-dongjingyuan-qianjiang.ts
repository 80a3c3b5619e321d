// Demo village 8 of 9 — Hubei · crayfish and rice.

import type { DemoVillage } from '../types.ts';

export const dongjingyuanQianjiang: DemoVillage = {
  slug: 'dongjingyuan-qianjiang',
  name: '东荆垸村',
  nameEn: 'Dongjingyuan Village',
  province: '湖北省',
  provinceEn: 'Hubei',
  city: '潜江市',
  county: '潜江市',
  township: '熊口镇',
  story:
    '东荆垸村地势低洼，过去一年只种一季中稻，冬春田地闲着，2015年有建档立卡贫困户48户。驻村工作队请来市里的水产技术员教村民“虾稻共作”，一季稻、一季虾，合作社统一收虾、分级、发冷链，结对的市直帮扶单位每年春天组织职工团购。2018年全村贫困户全部脱贫，现在村里大半稻田都改成了虾稻田。',
  storyEn:
    'Dongjingyuan lies low, and it used to grow a single crop of mid-season rice, leaving the fields idle through winter and spring; in 2015 it had 48 registered poor households. The village work team brought in the city’s aquaculture technicians to teach the crayfish–rice system — one crop of rice and one of crayfish from the same field — and the cooperative buys, grades and ships the crayfish by cold chain, while paired city units organise group purchases by their staff every spring. All poor households had left poverty by 2018, and most of the village’s paddies are now crayfish–rice fields.',
  image: 'crayfish-paddies.svg',
  producers: [
    {
      key: 'coop',
      kind: 'cooperative',
      name: '潜江市东荆垸虾稻共作专业合作社',
      nameEn: 'Qianjiang Dongjingyuan Crayfish–Rice Cooperative',
    },
    { key: 'liu-zhenghua', kind: 'household', name: '刘正华', lifted: true },
  ],
  products: [
    {
      slug: 'qianjiang-live-crayfish',
      category: 'aquatic',
      producer: 'coop',
      name: '潜江小龙虾(鲜活)',
      nameEn: 'Qianjiang crayfish, live',
      summary: '虾稻田里养的小龙虾，当天捕捞分级，冷链发货',
      summaryEn: 'Crayfish raised in rice paddies, caught and graded the same day, shipped by cold chain',
      description:
        '虾稻田里养殖，每天凌晨下地笼捕捞，合作社按规格分拣后用冰袋泡沫箱打包，顺丰冷链发货，部分省份次日达。箱内重量为活虾净重，不含冰袋。收到后请尽快清洗烹饪，死虾请勿食用，到货死虾超过一成可拍照申请赔付。',
      descriptionEn:
        'Raised in the crayfish–rice paddies and trapped before dawn every day, the crayfish are sorted by size at the cooperative, packed in foam boxes with ice packs and sent by SF cold chain, next-day to some provinces. The stated weight is live crayfish only, ice packs excluded. Wash and cook them as soon as they arrive and do not eat dead ones; if more than one in ten arrive dead, send a photo to claim compensation.',
      image: 'crayfish.svg',
      featured: true,
      credentials: [{ kind: 'geographical_indication', certificateNo: 'AGI02391', issuer: '农业农村部' }],
      variants: [
        {
          sku: 'QJ-CRAYFISH-LIVE-3J-M',
          name: '3斤装·中虾(4–6钱/只)',
          nameEn: '3 jin box · medium (20–30 g each)',
          priceFen: 9880,
          saleUnit: 'box',
          netGrams: 1500,
          stock: 500,
          presaleMonthDay: '04-20',
          harvestBatch: '2027年春季头批',
        },
        {
          sku: 'QJ-CRAYFISH-LIVE-3J-L',
          name: '3斤装·大虾(6–8钱/只)',
          nameEn: '3 jin box · large (30–40 g each)',
          priceFen: 13880,
          saleUnit: 'box',
          netGrams: 1500,
          stock: 300,
          presaleMonthDay: '04-20',
          harvestBatch: '2027年春季头批',
        },
        {
          sku: 'QJ-CRAYFISH-LIVE-JIN-L',
          name: '按斤·大虾(6–8钱/只，3斤起)',
          nameEn: 'By the jin · large (30–40 g each, 3 jin minimum)',
          priceFen: 4580,
          saleUnit: 'jin',
          netGrams: 500,
          stock: 2000,
          minQuantity: 3,
          presaleMonthDay: '04-20',
          harvestBatch: '2027年春季头批',
          tiers: [{ minQuantity: 100, priceFen: 3980 }],
        },
      ],
    },
    {
      slug: 'qianjiang-cooked-crayfish',
      category: 'aquatic',
      producer: 'coop',
      name: '熟冻调味小龙虾',
      nameEn: 'Cooked and frozen seasoned crayfish',
      summary: '鲜虾烧熟后连汤速冻，解冻加热即可食用',
      summaryEn: 'Fresh crayfish cooked and frozen in their sauce; thaw, heat and serve',
      description:
        '当季鲜活小龙虾清洗后烧熟，连汤汁一起速冻，全年可发货。每盒净含量1.5kg，其中虾不少于750g，有麻辣、蒜蓉两种口味。收到后放冷冻室保存，食用前室温解冻，连汤倒入锅中加热即可。',
      descriptionEn:
        'Live in-season crayfish are cleaned, cooked and frozen together with their sauce, so they ship all year. Each box holds 1.5 kg net, with at least 750 g of crayfish, in spicy or garlic flavour. Keep in the freezer; thaw at room temperature and heat through in a pan with the sauce.',
      image: 'crayfish.svg',
      variants: [
        {
          sku: 'QJ-CRAYFISH-COOKED-SPICY',
          name: '麻辣味·1.5kg盒',
          nameEn: 'Spicy · 1.5 kg box',
          priceFen: 8980,
          saleUnit: 'box',
          netGrams: 1500,
          stock: 400,
        },
        {
          sku: 'QJ-CRAYFISH-COOKED-GARLIC',
          name: '蒜蓉味·1.5kg盒',
          nameEn: 'Garlic · 1.5 kg box',
          priceFen: 8980,
          saleUnit: 'box',
          netGrams: 1500,
          stock: 300,
        },
      ],
    },
    {
      slug: 'qianjiang-crayfish-paddy-rice',
      category: 'grain-oil',
      producer: 'liu-zhenghua',
      name: '虾稻米',
      nameEn: 'Crayfish-paddy rice',
      summary: '虾稻田里种的一季中稻，当年新米',
      summaryEn: 'Single-crop mid-season rice from crayfish paddies; this year’s harvest',
      description:
        '农户刘某某家十二亩虾稻田产的大米，一年只种一季，小龙虾在田里吃杂草和虫子，田里少打农药。十月收割，随碾随发，米粒细长，蒸饭软而不烂。请放阴凉干燥处，开袋后尽快吃完。',
      descriptionEn:
        'Rice from the twelve mu of crayfish paddies farmed by the Liu family: one crop a year, with the crayfish eating weeds and insects in the field, so little pesticide is needed. It is harvested in October and milled to order; long, slender grains that cook soft but not mushy. Keep somewhere cool and dry and use soon after opening.',
      image: 'millet.svg',
      variants: [
        {
          sku: 'QJ-RICE-5J',
          name: '5斤装',
          nameEn: '5 jin bag',
          priceFen: 3280,
          saleUnit: 'bag',
          netGrams: 2500,
          stock: 300,
        },
        {
          sku: 'QJ-RICE-10J',
          name: '10斤装',
          nameEn: '10 jin bag',
          priceFen: 5980,
          saleUnit: 'bag',
          netGrams: 5000,
          stock: 200,
        },
      ],
    },
  ],
};
