// Demo village 7 of 9 — Jiangxi · camellia oil, fungus, sweet potatoes.

import type { DemoVillage } from '../types.ts';

export const shangpingXingguo: DemoVillage = {
  slug: 'shangping-xingguo',
  name: '上坪村',
  nameEn: 'Shangping Village',
  province: '江西省',
  provinceEn: 'Jiangxi',
  city: '赣州市',
  county: '兴国县',
  township: '茶园乡',
  story:
    '上坪村是赣南老区的山村，山上有成片的老油茶林，过去大多荒着没人管护。驻村工作队和结对帮扶单位争取到油茶低产林改造资金，村里成立油茶专业合作社，垦复老油茶林3000多亩，建起小型压榨坊，脱贫户入股分红、在林里务工。油茶林下套种红薯，秋天晒成红薯干，合作社的木耳大棚也常年雇用本村脱贫户。',
  storyEn:
    'Shangping is a hill village in the old revolutionary base area of southern Jiangxi, with large stands of old camellia oil trees that had mostly been left untended. The village work team and paired units secured funds to rehabilitate low-yield camellia forest; the village formed a camellia cooperative, brought more than 3,000 mu of old trees back into production and built a small oil press, and households that have left poverty hold shares and work in the groves. Sweet potatoes are grown between the trees and dried in autumn, and the cooperative’s wood-ear greenhouses employ poor-household members all year.',
  image: 'camellia-forest.svg',
  producers: [
    {
      key: 'coop',
      kind: 'cooperative',
      name: '兴国县上坪油茶专业合作社',
      nameEn: 'Xingguo County Shangping Camellia Oil Cooperative',
    },
    { key: 'xie-chunsheng', kind: 'household', name: '谢春生', lifted: true },
    { key: 'zhong-guixiang', kind: 'household', name: '钟桂香', lifted: true },
  ],
  products: [
    {
      slug: 'xingguo-wild-camellia-oil',
      category: 'grain-oil',
      producer: 'coop',
      name: '野生油茶籽油(山茶油)',
      nameEn: 'Wild camellia seed oil',
      summary: '老油茶林茶籽物理压榨，不勾兑，色泽金黄',
      summaryEn: 'Pressed from the seeds of old camellia groves; pure, never blended, golden in colour',
      description:
        '油茶果在霜降前后采摘，晒干剥壳后选饱满的茶籽，在合作社压榨坊物理压榨，自然沉淀过滤，不勾兑其他油。油色金黄清亮，炒菜、炖汤、拌凉菜都可以用。开封后拧紧瓶盖，放在阴凉处避光保存。',
      descriptionEn:
        'The camellia fruit is picked around Shuangjiang in late October; the seeds are sun-dried and shelled, and only full ones are pressed mechanically at the cooperative’s own press, then left to settle and filtered, with no other oil blended in. It is a clear golden oil for stir-frying, soups and cold dishes. After opening, screw the cap tight and keep in a cool, dark place.',
      image: 'camellia-oil.svg',
      featured: true,
      credentials: [
        { kind: 'organic', certificateNo: '110OP2400813', issuer: '中绿华夏有机产品认证中心' },
        { kind: 'poverty_alleviation', certificateNo: 'FP-360732-2020-0207', issuer: '兴国县乡村振兴局' },
      ],
      variants: [
        {
          sku: 'XG-CAMELLIA-OIL-500ML',
          name: '500ml·瓶装',
          nameEn: '500 ml bottle',
          priceFen: 9800,
          saleUnit: 'bottle',
          netGrams: 460,
          stock: 400,
        },
        {
          sku: 'XG-CAMELLIA-OIL-2L5',
          name: '2.5L·桶装',
          nameEn: '2.5 L can',
          priceFen: 39800,
          saleUnit: 'bottle',
          netGrams: 2300,
          stock: 120,
        },
        {
          sku: 'XG-CAMELLIA-OIL-GIFT',
          name: '500ml×2瓶·礼盒装',
          nameEn: 'Gift box · 2 × 500 ml',
          priceFen: 19800,
          saleUnit: 'box',
          netGrams: 920,
          stock: 150,
        },
      ],
    },
    {
      slug: 'xingguo-black-fungus',
      category: 'veg-dried',
      producer: 'coop',
      name: '黑木耳',
      nameEn: 'Black wood-ear fungus',
      summary: '合作社大棚吊袋种植，朵小肉厚，泡发率高',
      summaryEn: 'Grown in hanging bags in the cooperative’s greenhouses; small, thick, soaks up well',
      description:
        '在合作社大棚里吊袋种植，采收后晒干，朵形小、肉厚，背面灰白。用冷水泡发两到三小时，一两干木耳能泡出一大盆，凉拌、炒菜都可以。泡发后当天吃完，不要长时间浸泡。',
      descriptionEn:
        'Grown in hanging bags in the cooperative’s greenhouses and sun-dried after picking: small, thick ears with a greyish-white underside. Soak in cold water for two to three hours — 50 g dry fills a large bowl — then dress cold or stir-fry. Eat soaked fungus the same day and do not leave it soaking for long.',
      image: 'black-fungus.svg',
      credentials: [{ kind: 'green_food', certificateNo: 'LB-15-24063601872A', issuer: '中国绿色食品发展中心' }],
      variants: [
        {
          sku: 'XG-FUNGUS-250G',
          name: '250g·袋装',
          nameEn: '250 g bag',
          priceFen: 3980,
          saleUnit: 'bag',
          netGrams: 250,
          stock: 300,
        },
        {
          sku: 'XG-FUNGUS-500G',
          name: '500g·袋装',
          nameEn: '500 g bag',
          priceFen: 6980,
          saleUnit: 'bag',
          netGrams: 500,
          stock: 150,
        },
      ],
    },
    {
      slug: 'xingguo-sweet-potato',
      category: 'veg-dried',
      producer: 'xie-chunsheng',
      name: '红心红薯',
      nameEn: 'Orange-fleshed sweet potatoes',
      summary: '油茶林下沙壤土种植，蒸烤软糯香甜',
      summaryEn: 'Grown in sandy loam beneath the camellia trees; soft and sweet steamed or roasted',
      description:
        '农户谢某某在油茶林下的沙壤土里种的红薯，红皮红心，十月挖出后放在地窖里存一段时间再发货，糖分转化后更甜。蒸、煮、烤都可以。收到后放在阴凉通风处，不要放冰箱，以免冻伤变硬。',
      descriptionEn:
        'Mr Xie, a village farmer, grows these red-skinned, orange-fleshed sweet potatoes in the sandy loam under the camellia trees; they are dug in October and cured in a cellar for a while before shipping, which makes them sweeter. Steam, boil or roast them. Keep them somewhere cool and airy, not in the fridge, where they turn hard.',
      image: 'sweet-potato.svg',
      variants: [
        {
          sku: 'XG-SWEET-POTATO-5J',
          name: '5斤装·中薯',
          nameEn: '5 jin box · medium',
          priceFen: 2980,
          saleUnit: 'case',
          netGrams: 2500,
          stock: 400,
        },
        {
          sku: 'XG-SWEET-POTATO-10J',
          name: '10斤装·中薯',
          nameEn: '10 jin box · medium',
          priceFen: 4980,
          saleUnit: 'case',
          netGrams: 5000,
          stock: 200,
        },
      ],
    },
    {
      slug: 'xingguo-dried-sweet-potato',
      category: 'veg-dried',
      producer: 'zhong-guixiang',
      name: '农家红薯干(地瓜干)',
      nameEn: 'Farmhouse dried sweet potato',
      summary: '红薯蒸熟切条晾晒，不加糖，软中带韧',
      summaryEn: 'Steamed sweet potato cut into strips and sun-dried; no added sugar, soft and chewy',
      description: '红薯洗净去皮，大锅蒸熟后切条，在竹晒架上晒七八天，不加糖、不加色素。口感软中带韧，可以直接吃，也可以上锅稍蒸一下。开袋后请密封，放阴凉干燥处，天热时冷藏。',
      descriptionEn:
        'Sweet potatoes are washed, peeled, steamed in a big wok, cut into strips and dried on bamboo racks for seven or eight days, with no sugar or colouring added. Soft but chewy; eat as they are or warm them briefly in the steamer. Reseal after opening and keep somewhere cool and dry, or in the fridge in hot weather.',
      image: 'sweet-potato.svg',
      variants: [
        {
          sku: 'XG-DRIED-SP-500G',
          name: '500g·袋装',
          nameEn: '500 g bag',
          priceFen: 2280,
          saleUnit: 'bag',
          netGrams: 500,
          stock: 300,
        },
        {
          sku: 'XG-DRIED-SP-1KG',
          name: '1000g·袋装',
          nameEn: '1,000 g bag',
          priceFen: 3980,
          saleUnit: 'bag',
          netGrams: 1000,
          stock: 150,
        },
      ],
    },
  ],
};
