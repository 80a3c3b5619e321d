// Demo village 6 of 9 — Shaanxi · eggs, poultry, beans and walnuts.

import type { DemoVillage } from '../types.ts';

export const sipoLuonan: DemoVillage = {
  slug: 'sipo-luonan',
  name: '寺坡村',
  nameEn: 'Sipo Village',
  province: '陕西省',
  provinceEn: 'Shaanxi',
  city: '商洛市',
  county: '洛南县',
  township: '景村镇',
  story:
    '寺坡村在秦岭南麓的浅山区，2016年有建档立卡贫困户103户，是原深度贫困村。驻村工作队帮村里办起生态家庭农场，在核桃林下散养土鸡，带动脱贫户养鸡、种花生和绿豆，县直帮扶单位组织帮扶责任人常年认购鸡蛋、杂粮和家禽。村里的老核桃树经过嫁接改良，核桃也成了各家的一项收入。',
  storyEn:
    'Sipo lies in the low hills on the southern side of the Qinling Mountains; in 2016 it had 103 registered poor households and was classed as a deeply poor village. The village work team helped set up an ecological family farm that raises free-range chickens under the walnut trees and got households that had left poverty keeping chickens and growing peanuts and mung beans, while county-level paired units have their assigned staff buy eggs, pulses and poultry all year round. The village’s old walnut trees were regrafted, and walnuts are now another income for every family.',
  image: 'mountain-farm.svg',
  producers: [
    {
      key: 'farm',
      kind: 'family_farm',
      name: '洛南县寺坡生态家庭农场',
      nameEn: 'Luonan County Sipo Eco Family Farm',
    },
    { key: 'qu-changlin', kind: 'household', name: '屈长林', lifted: true },
    { key: 'wang-cui-e', kind: 'household', name: '王翠娥', lifted: true },
    { key: 'yang-jianjun', kind: 'household', name: '杨建军', monitored: true },
  ],
  products: [
    {
      slug: 'luonan-free-range-eggs',
      category: 'poultry-eggs',
      producer: 'farm',
      name: '秦岭散养土鸡蛋',
      nameEn: 'Qinling free-range eggs',
      summary: '核桃林下散养土鸡所产，个头不大，蛋黄色深',
      summaryEn: 'Laid by hens roaming under the walnut trees; smallish eggs with deep-coloured yolks',
      description:
        '鸡白天在农场的核桃林里散养，喂玉米、麸皮和菜叶，鸡蛋个头偏小，平均每枚50克左右。每枚装入蛋托、外加泡沫箱发货，破损的拍照按枚补发。收到后建议冷藏，两周内吃完。',
      descriptionEn:
        'The hens range through the farm’s walnut grove by day and are fed maize, bran and greens; the eggs are on the small side, about 50 g each. Each egg sits in a moulded tray inside a foam box, and any broken in transit are replaced egg for egg — just send a photo. Refrigerate on arrival and eat within two weeks.',
      image: 'eggs.svg',
      featured: true,
      credentials: [
        { kind: 'poverty_alleviation', certificateNo: 'FP-611021-2020-0071', issuer: '洛南县乡村振兴局' },
      ],
      variants: [
        {
          sku: 'LN-EGG-30',
          name: '30枚装',
          nameEn: 'Box of 30',
          priceFen: 4580,
          saleUnit: 'box',
          netGrams: 1500,
          stock: 600,
        },
        {
          sku: 'LN-EGG-60',
          name: '60枚装',
          nameEn: 'Box of 60',
          priceFen: 8580,
          saleUnit: 'box',
          netGrams: 3000,
          stock: 300,
        },
      ],
    },
    {
      slug: 'luonan-free-range-chicken',
      category: 'poultry-eggs',
      producer: 'farm',
      name: '林下散养土鸡',
      nameEn: 'Free-range farm chicken',
      summary: '散养一年以上，宰杀后整只速冻，冷链发货',
      summaryEn: 'Raised free-range for over a year; slaughtered, blast-frozen whole and shipped chilled',
      description:
        '在林下散养一年以上的土鸡，肉质紧实，适合炖汤、做大盘鸡。在定点屠宰场宰杀、去内脏后整只速冻，泡沫箱加冰袋冷链发货，部分偏远地区不发。收到后请立即冷冻保存。',
      descriptionEn:
        'Chickens raised free-range under the trees for more than a year: firm meat, best stewed or braised. They are slaughtered at a licensed abattoir, drawn and blast-frozen whole, then shipped in foam boxes with ice packs by cold chain; some remote areas cannot be reached. Put in the freezer as soon as it arrives.',
      image: 'chicken.svg',
      variants: [
        {
          sku: 'LN-CHICKEN-1500G',
          name: '整只·约1.5kg(冷冻)',
          nameEn: 'Whole bird · about 1.5 kg (frozen)',
          priceFen: 12800,
          saleUnit: 'piece',
          netGrams: 1500,
          stock: 80,
        },
        {
          sku: 'LN-CHICKEN-HEN-1750G',
          name: '老母鸡整只·约1.75kg(冷冻)',
          nameEn: 'Whole old hen · about 1.75 kg (frozen)',
          priceFen: 14800,
          saleUnit: 'piece',
          netGrams: 1750,
          stock: 40,
        },
      ],
    },
    {
      slug: 'luonan-peanuts',
      category: 'grain-oil',
      producer: 'qu-changlin',
      name: '农家花生米',
      nameEn: 'Farmhouse peanut kernels',
      summary: '沙土坡地种植的红皮花生，手工剥壳挑选',
      summaryEn: 'Red-skinned peanuts from sandy slopes, shelled and sorted by hand',
      description:
        '农户屈某某家在沙土坡地种的红皮花生，秋收后晒干，剥壳后手工挑出瘪粒和坏粒。可以油炸、煮粥、打豆浆。请放在阴凉干燥处，受潮容易生霉。',
      descriptionEn:
        'Red-skinned peanuts grown on sandy slopes by the Qu family, sun-dried after the autumn harvest, shelled, and picked over by hand to remove shrivelled or bad kernels. Fry them, add them to porridge or blend them into soy milk. Store somewhere cool and dry — damp peanuts go mouldy.',
      image: 'peanuts.svg',
      variants: [
        {
          sku: 'LN-PEANUT-KERNEL-5J',
          name: '5斤装·生花生米',
          nameEn: '5 jin bag · raw kernels',
          priceFen: 5980,
          saleUnit: 'bag',
          netGrams: 2500,
          stock: 150,
        },
        {
          sku: 'LN-PEANUT-SHELL-5J',
          name: '5斤装·带壳花生',
          nameEn: '5 jin bag · in shell',
          priceFen: 3980,
          saleUnit: 'bag',
          netGrams: 2500,
          stock: 100,
        },
      ],
    },
    {
      slug: 'luonan-mung-beans',
      category: 'grain-oil',
      producer: 'wang-cui-e',
      name: '秦岭小粒绿豆',
      nameEn: 'Qinling small mung beans',
      summary: '山坡地种的小粒绿豆，皮薄，煮汤容易开花',
      summaryEn: 'Small hillside mung beans with thin skins that split open quickly in soup',
      description:
        '农户王某某家在山坡地上种的小粒绿豆，颗粒小、皮薄，熬绿豆汤容易煮开花。收获后晒干、过筛去杂，真空包装。请放阴凉干燥处保存。',
      descriptionEn:
        'Small mung beans grown on the hillside by the Wang family: small, thin-skinned beans that split open quickly when made into mung bean soup. After harvest they are sun-dried, sieved clean and vacuum-packed. Store somewhere cool and dry.',
      image: 'mung-beans.svg',
      variants: [
        {
          sku: 'LN-MUNG-2J5',
          name: '2.5斤装',
          nameEn: '2.5 jin bag',
          priceFen: 2480,
          saleUnit: 'bag',
          netGrams: 1250,
          stock: 200,
        },
        {
          sku: 'LN-MUNG-5J',
          name: '5斤装',
          nameEn: '5 jin bag',
          priceFen: 4580,
          saleUnit: 'bag',
          netGrams: 2500,
          stock: 120,
        },
      ],
    },
    {
      slug: 'luonan-walnuts',
      category: 'veg-dried',
      producer: 'yang-jianjun',
      name: '洛南薄皮核桃',
      nameEn: 'Luonan thin-shell walnuts',
      summary: '嫁接改良的薄皮核桃，手捏可开，当年新货',
      summaryEn: 'Thin-shelled walnuts from regrafted trees, crackable by hand; this season’s crop',
      description:
        '白露前后打核桃，脱去青皮后清水洗净、自然晾干，不漂白。壳薄，两个一捏就开，果仁饱满。请密封放在阴凉处，夏季可冷藏防止出油变味。',
      descriptionEn:
        'The walnuts are knocked down around Bailu in early September, hulled, rinsed in clean water and air-dried — never bleached. The shells are thin enough to crack by squeezing two together, and the kernels are full. Keep sealed somewhere cool; in summer, refrigerate to stop them turning rancid.',
      image: 'walnuts.svg',
      variants: [
        {
          sku: 'LN-WALNUT-2J',
          name: '2斤装',
          nameEn: '2 jin bag',
          priceFen: 2580,
          saleUnit: 'bag',
          netGrams: 1000,
          stock: 200,
        },
        {
          sku: 'LN-WALNUT-5J',
          name: '5斤装',
          nameEn: '5 jin bag',
          priceFen: 5980,
          saleUnit: 'bag',
          netGrams: 2500,
          stock: 100,
        },
      ],
    },
  ],
};
