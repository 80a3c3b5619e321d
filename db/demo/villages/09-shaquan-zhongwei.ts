// Demo village 9 of 9 — Ningxia · selenium-sand watermelon.

import type { DemoVillage } from '../types.ts';

export const shaquanZhongwei: DemoVillage = {
  slug: 'shaquan-zhongwei',
  name: '沙泉村',
  nameEn: 'Shaquan Village',
  province: '宁夏回族自治区',
  provinceEn: 'Ningxia',
  city: '中卫市',
  county: '沙坡头区',
  township: '香山乡',
  story:
    '沙泉村在香山深处，年降水量不到250毫米，过去种庄稼全靠天吃饭。村民在地里铺上十几厘米厚的砂石压砂保墒种西瓜，驻村工作队和闽宁协作帮扶单位帮着建起分拣棚、接通电商和冷链物流，合作社统一品种、统一销售。2019年全村脱贫，硒砂瓜成了家家户户的主要收入。',
  storyEn:
    'Shaquan lies deep in the Xiangshan hills, with less than 250 mm of rain a year; farming here used to depend entirely on the weather. Villagers cover their fields with a layer of gravel more than ten centimetres thick to hold in moisture and grow watermelons in it; the village work team and Fujian–Ningxia cooperation units helped build a sorting shed and connect the village to e-commerce and cold-chain logistics, and the cooperative sets common varieties and sells for everyone. The whole village left poverty in 2019, and selenium-sand watermelons are now the main income of nearly every household.',
  image: 'watermelon-desert.svg',
  producers: [
    {
      key: 'coop',
      kind: 'cooperative',
      name: '中卫市沙坡头区沙泉硒砂瓜产销专业合作社',
      nameEn: 'Shapotou District Shaquan Selenium-Sand Melon Cooperative',
    },
    { key: 'ma-wenfu', kind: 'household', name: '马文福', lifted: true },
  ],
  products: [
    {
      slug: 'zhongwei-selenium-sand-watermelon',
      category: 'fresh-fruit',
      producer: 'coop',
      name: '中卫硒砂瓜(压砂西瓜)',
      nameEn: 'Zhongwei selenium-sand watermelon',
      summary: '旱塬压砂地种植，皮厚耐储运，瓤沙脆甜',
      summaryEn: 'Grown in gravel-mulched dryland; thick rind that travels well, crisp sweet flesh',
      description:
        '种在香山压砂地里，只靠自然降水和少量补灌，昼夜温差大，瓜瓤沙脆、甜度高。每个瓜套网套、加护角单独装箱，重量按单个瓜称重，误差在半斤以内。完整的瓜放在阴凉处可存放一到两周，切开后请冷藏。',
      descriptionEn:
        'Grown in the gravel-mulched fields of the Xiangshan hills on natural rainfall and a little supplementary water; the wide gap between day and night temperatures gives crisp, sandy, very sweet flesh. Each melon is netted, corner-protected and boxed on its own, and weighed individually to within a quarter of a kilogram. An uncut melon keeps one to two weeks somewhere cool; refrigerate once cut.',
      image: 'watermelon.svg',
      credentials: [
        { kind: 'geographical_indication', certificateNo: 'AGI00562', issuer: '农业农村部' },
        { kind: 'poverty_alleviation', certificateNo: 'FP-640502-2020-0019', issuer: '中卫市沙坡头区乡村振兴局' },
      ],
      variants: [
        {
          sku: 'ZW-WATERMELON-5KG',
          name: '单个装·约5kg',
          nameEn: 'One melon · about 5 kg',
          priceFen: 4980,
          saleUnit: 'piece',
          netGrams: 5000,
          stock: 800,
          presaleMonthDay: '07-01',
          harvestBatch: '2027年头茬',
        },
        {
          sku: 'ZW-WATERMELON-7KG5',
          name: '单个装·约7.5kg',
          nameEn: 'One melon · about 7.5 kg',
          priceFen: 6980,
          saleUnit: 'piece',
          netGrams: 7500,
          stock: 500,
          presaleMonthDay: '07-01',
          harvestBatch: '2027年头茬',
        },
      ],
    },
    {
      slug: 'zhongwei-sand-field-melon',
      category: 'fresh-fruit',
      producer: 'ma-wenfu',
      name: '香山压砂甜瓜',
      nameEn: 'Xiangshan gravel-field sweet melons',
      summary: '压砂地种的厚皮甜瓜，果肉脆甜带香味',
      summaryEn: 'Thick-skinned sweet melons from gravel-mulched fields; crisp, sweet and fragrant',
      description: '农户马某某家在压砂地里套种的厚皮甜瓜，七月中旬成熟，果肉脆，香味浓。由合作社统一分拣发货，每箱四个左右。收到后放一两天香味更足，切开后请冷藏。',
      descriptionEn:
        'Thick-skinned sweet melons grown alongside the watermelons in the gravel fields of the Ma family; they ripen in mid-July with crisp, fragrant flesh. The cooperative sorts and ships them, about four to a box. Leave them a day or two after arrival for the aroma to develop, and refrigerate once cut.',
      image: 'watermelon.svg',
      variants: [
        {
          sku: 'ZW-MELON-4KG',
          name: '约4kg装·3–5个',
          nameEn: 'About 4 kg box · 3–5 melons',
          priceFen: 5980,
          saleUnit: 'case',
          netGrams: 4000,
          stock: 300,
          presaleMonthDay: '07-15',
          harvestBatch: '2027年头茬',
        },
      ],
    },
  ],
};
