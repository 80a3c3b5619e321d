// Demo village 2 of 9 — Guizhou · tea and kiwi.

import type { DemoVillage } from '../types.ts';

export const cuipingMeitan: DemoVillage = {
  slug: 'cuiping-meitan',
  name: '翠坪村',
  nameEn: 'Cuiping Village',
  province: '贵州省',
  provinceEn: 'Guizhou',
  city: '遵义市',
  county: '湄潭县',
  township: '兴隆镇',
  story:
    '翠坪村海拔八百多米，过去以种玉米为主，2014年识别贫困户86户。借着县里发展茶产业的政策，驻村工作队组织村民把坡地改种茶园，东西部协作帮扶单位派来技术员，又帮合作社建起清洁化加工车间。全村茶园发展到4200亩，2018年贫困户全部脱贫；近几年又在山脚种了红心猕猴桃，和采茶错开农时。',
  storyEn:
    'Cuiping sits more than 800 metres up and once grew mostly maize; in 2014, 86 of its households were identified as poor. With the county’s support for tea, the village work team organised villagers to turn their slopes into tea gardens, the paired east–west cooperation units sent technicians, and helped the cooperative build a clean processing workshop. The village now has 4,200 mu of tea and all its poor households had left poverty by 2018; in recent years it has also planted red-fleshed kiwifruit at the foot of the hills, whose busy season does not clash with tea picking.',
  image: 'tea-hills.svg',
  producers: [
    {
      key: 'coop',
      kind: 'cooperative',
      name: '湄潭县翠坪茶叶专业合作社',
      nameEn: 'Meitan County Cuiping Tea Cooperative',
    },
    { key: 'ran-guangfu', kind: 'household', name: '冉光富', lifted: true },
  ],
  products: [
    {
      slug: 'meitan-cuiya-green-tea',
      category: 'tea',
      producer: 'coop',
      name: '湄潭翠芽(绿茶)',
      nameEn: 'Meitan Cuiya green tea',
      summary: '春茶单芽到一芽一叶初展鲜叶制作，扁平光滑',
      summaryEn: 'Spring tea from single buds to bud-and-first-leaf, pan-fired flat and smooth',
      description:
        '采春茶单芽或一芽一叶初展的鲜叶，经杀青、理条、压扁、烘干制成，外形扁平，汤色嫩绿，有栗香。明前茶为清明前采制，芽头细嫩；雨前茶为谷雨前采制，滋味更浓。建议用80℃左右的水冲泡，开封后密封冷藏保存。',
      descriptionEn:
        'Made from spring buds, or a bud with its first leaf just opening, by fixing, shaping, flattening and drying: flat, smooth leaves that brew a pale green liquor with a chestnut aroma. Ming Qian tea is picked before Qingming and is the most tender; Yu Qian tea is picked before Guyu and tastes fuller. Brew with water at about 80 °C; once opened, keep the tin sealed in the fridge.',
      image: 'tea-green.svg',
      featured: true,
      credentials: [
        { kind: 'green_food', certificateNo: 'LB-44-24035203117A', issuer: '中国绿色食品发展中心' },
        { kind: 'poverty_alleviation', certificateNo: 'FP-520328-2020-0112', issuer: '湄潭县乡村振兴局' },
      ],
      variants: [
        {
          sku: 'MT-CUIYA-MQ-TJ-250G',
          name: '明前·特级 250g盒',
          nameEn: 'Ming Qian · special grade, 250 g box',
          priceFen: 29800,
          saleUnit: 'box',
          netGrams: 250,
          stock: 120,
          presaleMonthDay: '03-25',
          harvestBatch: '2027年春茶·明前',
        },
        {
          sku: 'MT-CUIYA-MQ-1J-250G',
          name: '明前·一级 250g盒',
          nameEn: 'Ming Qian · grade 1, 250 g box',
          priceFen: 19800,
          saleUnit: 'box',
          netGrams: 250,
          stock: 200,
          presaleMonthDay: '03-25',
          harvestBatch: '2027年春茶·明前',
        },
        {
          sku: 'MT-CUIYA-YQ-1J-250G',
          name: '雨前·一级 250g盒(2026年春茶现货)',
          nameEn: 'Yu Qian · grade 1, 250 g box (2026 spring tea, in stock)',
          priceFen: 12800,
          saleUnit: 'box',
          netGrams: 250,
          stock: 260,
        },
      ],
    },
    {
      slug: 'meitan-everyday-green-tea',
      category: 'tea',
      producer: 'coop',
      name: '湄潭绿茶·口粮茶',
      nameEn: 'Meitan everyday green tea',
      summary: '夏秋茶制作的家常绿茶，耐泡，适合日常大杯冲饮',
      summaryEn: 'Everyday green tea from summer and autumn leaves; robust, good for a big mug',
      description: '用夏秋季一芽二三叶的鲜叶炒制，条索较粗，滋味比春茶浓，耐冲泡。简易袋装，不做礼盒，价格实在，适合办公室和家里日常喝。开袋后请夹紧袋口，放阴凉干燥处。',
      descriptionEn:
        'Pan-fired from summer and autumn shoots of one bud and two or three leaves: coarser leaves and a stronger taste than spring tea, and it stands up to many infusions. Plain bags rather than gift boxes keep the price down — tea for every day at the office or at home. After opening, clip the bag shut and keep it somewhere cool and dry.',
      image: 'tea-green.svg',
      variants: [
        {
          sku: 'MT-GREEN-DAILY-250G',
          name: '250g·袋装',
          nameEn: '250 g bag',
          priceFen: 4800,
          saleUnit: 'bag',
          netGrams: 250,
          stock: 400,
        },
        {
          sku: 'MT-GREEN-DAILY-500G',
          name: '500g·袋装',
          nameEn: '500 g bag',
          priceFen: 8800,
          saleUnit: 'bag',
          netGrams: 500,
          stock: 300,
        },
      ],
    },
    {
      slug: 'meitan-red-kiwi',
      category: 'fresh-fruit',
      producer: 'ran-guangfu',
      name: '红心猕猴桃',
      nameEn: 'Red-fleshed kiwifruit',
      summary: '山脚坡地种植，果心一圈红色，软熟后香甜',
      summaryEn: 'Grown on the lower slopes; a red ring round the core, fragrant and sweet when soft',
      description:
        '农户冉某某家种了八亩红心猕猴桃，九月上旬糖度达标后采摘，不用膨大剂。收到时果子是硬的，和苹果或香蕉一起装袋放两三天，捏着微软就可以吃了。软了的果子请冷藏，尽快吃完。',
      descriptionEn:
        'The Ran family grow eight mu of red-fleshed kiwifruit, picked in early September once the sugar content is right, with no swelling agents. They arrive hard: put them in a bag with an apple or a banana for two or three days, and eat them when they give slightly under your thumb. Refrigerate soft fruit and eat it soon.',
      image: 'kiwi.svg',
      variants: [
        {
          sku: 'MT-KIWI-RED-3J-M',
          name: '3斤装·中果(单果80g以上)',
          nameEn: '3 jin box · medium (80 g+ per fruit)',
          priceFen: 3980,
          saleUnit: 'case',
          netGrams: 1500,
          stock: 300,
          presaleMonthDay: '09-10',
          harvestBatch: '2027年首批',
        },
        {
          sku: 'MT-KIWI-RED-5J-L',
          name: '5斤装·大果(单果100g以上)',
          nameEn: '5 jin box · large (100 g+ per fruit)',
          priceFen: 6980,
          saleUnit: 'case',
          netGrams: 2500,
          stock: 200,
          presaleMonthDay: '09-10',
          harvestBatch: '2027年首批',
        },
      ],
    },
  ],
};
