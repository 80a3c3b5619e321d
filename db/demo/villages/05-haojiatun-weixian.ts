// Demo village 5 of 9 — Hebei · brooms and millet.

import type { DemoVillage } from '../types.ts';

export const haojiatunWeixian: DemoVillage = {
  slug: 'haojiatun-weixian',
  name: '郝家屯村',
  nameEn: 'Haojiatun Village',
  province: '河北省',
  provinceEn: 'Hebei',
  city: '邢台市',
  county: '威县',
  township: '常屯乡',
  story:
    '郝家屯村扎扫帚的手艺传了上百年，过去都是农闲时扎好拉到集上卖，一把挣不了几块钱。驻村工作队摸底发现全村会扎扫帚的有40多户，多是上了年纪的脱贫户，就把大家组织起来统一进料、统一标准，帮着和县城两家环卫公司签下长期供货协议，每月供货1000把左右。村里旱地种的谷子碾成小米，也一起在平台上卖。',
  storyEn:
    'Haojiatun has been tying brooms for over a hundred years, but villagers used to make them in the slack season and cart them to market, earning only a few yuan a broom. The village work team found more than 40 households who could tie brooms, most of them older people who had left poverty, organised them to buy materials together and work to one standard, and helped sign long-term supply agreements with two sanitation companies in the county town — about 1,000 brooms a month. The millet the village grows on its dry land is sold on the platform too.',
  image: 'broom-village.svg',
  producers: [
    { key: 'hao-zhanguo', kind: 'household', name: '郝占国', lifted: true },
    { key: 'hao-xiuying', kind: 'household', name: '郝秀英', lifted: true },
    { key: 'li-fengzhi', kind: 'household', name: '李凤芝', lifted: true },
    { key: 'wang-yonggang', kind: 'household', name: '王永刚', monitored: true },
  ],
  products: [
    {
      slug: 'weixian-sanitation-broom',
      category: 'handicraft',
      producer: 'hao-zhanguo',
      name: '环卫竹扫帚',
      nameEn: 'Bamboo street broom',
      summary: '手工捆扎的环卫大扫帚，三道铁丝加固，耐磨',
      summaryEn: 'Hand-tied street broom, bound with three wire bands; hard-wearing',
      description:
        '竹枝统一进料，由村里的脱贫户手工捆扎，三道镀锌铁丝加固，配竹竿长柄，适合道路、厂区、校园清扫。单位采购100把以上、1000把以上分别享受阶梯价，可签长期供货合同、按月送货。',
      descriptionEn:
        'Bamboo twigs are bought in together and tied by hand by village households who have left poverty, bound with three galvanised wire bands and fitted with a long bamboo handle — for streets, factory yards and campuses. Units buying 100 or more, or 1,000 or more, get tiered prices, and long-term contracts with monthly deliveries can be arranged.',
      image: 'broom.svg',
      credentials: [{ kind: 'poverty_alleviation', certificateNo: 'FP-130533-2021-0026', issuer: '威县乡村振兴局' }],
      variants: [
        {
          sku: 'WX-BROOM-SAN-150',
          name: '标准款·竹柄1.5米',
          nameEn: 'Standard · 1.5 m bamboo handle',
          priceFen: 1680,
          saleUnit: 'bundle',
          stock: 5000,
          minQuantity: 1,
          tiers: [
            { minQuantity: 100, priceFen: 1200 },
            { minQuantity: 1000, priceFen: 880 },
          ],
        },
        {
          sku: 'WX-BROOM-SAN-180',
          name: '加大款·竹柄1.8米',
          nameEn: 'Large · 1.8 m bamboo handle',
          priceFen: 2280,
          saleUnit: 'bundle',
          stock: 2000,
          minQuantity: 1,
          tiers: [
            { minQuantity: 100, priceFen: 1680 },
            { minQuantity: 1000, priceFen: 1280 },
          ],
        },
      ],
    },
    {
      slug: 'weixian-sorghum-broom',
      category: 'handicraft',
      producer: 'hao-xiuying',
      name: '高粱苗笤帚',
      nameEn: 'Sorghum-straw broom',
      summary: '自家种的高粱苗手工扎制，扫地不掉毛',
      summaryEn: 'Hand-made from home-grown broomcorn; sweeps clean and does not shed',
      description: '用自家地里种的笤帚高粱，晒干去籽后一把一把手工扎紧，用尼龙线密缝。扫地面、扫炕都合适，比塑料扫帚扫得干净。大号带长柄，小号是手把笤帚，单位采购可享阶梯价。',
      descriptionEn:
        'Broomcorn grown in the family’s own field is dried, threshed and tied tight by hand, handful by handful, then stitched with nylon cord. Good for floors and for sweeping the kang, and it sweeps cleaner than a plastic broom. The large size has a long handle; the small one is a short hand brush. Units buying in bulk get tiered prices.',
      image: 'broom.svg',
      variants: [
        {
          sku: 'WX-BROOM-SORGHUM-L',
          name: '大号·长柄',
          nameEn: 'Large · long handle',
          priceFen: 2580,
          saleUnit: 'bundle',
          stock: 800,
          tiers: [
            { minQuantity: 100, priceFen: 1980 },
            { minQuantity: 1000, priceFen: 1580 },
          ],
        },
        {
          sku: 'WX-BROOM-SORGHUM-S',
          name: '小号·手把笤帚',
          nameEn: 'Small · hand brush',
          priceFen: 1280,
          saleUnit: 'bundle',
          stock: 1200,
          tiers: [
            { minQuantity: 100, priceFen: 980 },
            { minQuantity: 1000, priceFen: 780 },
          ],
        },
      ],
    },
    {
      slug: 'weixian-pot-brush',
      category: 'handicraft',
      producer: 'li-fengzhi',
      name: '高粱苗刷锅炊帚',
      nameEn: 'Sorghum-straw pot brush',
      summary: '高粱苗细穗手工扎成的老式炊帚，刷铁锅不伤锅',
      summaryEn: 'Old-style pot brush hand-tied from fine broomcorn tips; cleans an iron wok without scratching it',
      description: '用高粱苗的细穗手工扎成，刷铁锅、蒸笼都顺手，用完甩干挂起来，不容易发霉。两把起卖。',
      descriptionEn:
        'Tied by hand from the fine tips of broomcorn; handy for iron woks and steamer baskets. Shake it dry and hang it up after use, and it will not go mouldy. Sold from two brushes up.',
      image: 'broom.svg',
      variants: [
        {
          sku: 'WX-POT-BRUSH',
          name: '单把',
          nameEn: 'Single brush',
          priceFen: 580,
          saleUnit: 'bundle',
          stock: 1500,
          minQuantity: 2,
        },
      ],
    },
    {
      slug: 'weixian-millet',
      category: 'grain-oil',
      producer: 'wang-yonggang',
      name: '旱地黄小米',
      nameEn: 'Dryland yellow millet',
      summary: '旱地谷子一年一季，当年新米，熬粥容易出米油',
      summaryEn: 'One crop a year from dryland foxtail millet; this year’s grain, cooks into a creamy porridge',
      description: '谷子种在村西的旱地上，一年一季，十月收割后晾晒、碾米，当年新米。颗粒小，颜色金黄，熬粥容易出米油。收到后请放阴凉干燥处，夏季可冷藏防虫。',
      descriptionEn:
        'The foxtail millet grows on dry fields west of the village, one crop a year; it is cut in October, dried and hulled, so this is the new season’s millet. Small golden grains that cook into a porridge with a rich, creamy top. Store somewhere cool and dry; in summer, refrigerate to keep insects out.',
      image: 'millet.svg',
      credentials: [{ kind: 'poverty_alleviation', certificateNo: 'FP-130533-2021-0027', issuer: '威县乡村振兴局' }],
      variants: [
        {
          sku: 'WX-MILLET-5J',
          name: '5斤装',
          nameEn: '5 jin bag',
          priceFen: 4280,
          saleUnit: 'bag',
          netGrams: 2500,
          stock: 400,
        },
        {
          sku: 'WX-MILLET-10J',
          name: '10斤装',
          nameEn: '10 jin bag',
          priceFen: 7980,
          saleUnit: 'bag',
          netGrams: 5000,
          stock: 200,
        },
      ],
    },
  ],
};
