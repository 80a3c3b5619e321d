// Demo village 3 of 9 — Henan · honeysuckle and honey.

import type { DemoVillage } from '../types.ts';

export const huayingFengqiu: DemoVillage = {
  slug: 'huaying-fengqiu',
  name: '花营村',
  nameEn: 'Huaying Village',
  province: '河南省',
  provinceEn: 'Henan',
  city: '新乡市',
  county: '封丘县',
  township: '黄陵镇',
  story:
    '花营村在黄河北岸，沙土地薄，种小麦玉米收入低，2016年有建档立卡贫困户64户。县里把金银花定为脱贫主导产业，驻村工作队领着村民成立合作社、建起烘干房，结对的市直帮扶单位每年组织职工采购。现在全村种金银花1500多亩，采花季村里的老人和妇女在家门口就能挣到工钱。',
  storyEn:
    'Huaying lies on the north bank of the Yellow River, on thin sandy soil where wheat and maize earn little; in 2016 it had 64 registered poor households. The county made honeysuckle its main industry for leaving poverty, the village work team led villagers to form a cooperative and build a drying house, and the paired city-level units organise staff purchases every year. The village now grows more than 1,500 mu of honeysuckle, and in picking season older villagers and women earn wages without leaving home.',
  image: 'mountain-farm.svg',
  producers: [
    {
      key: 'coop',
      kind: 'cooperative',
      name: '封丘县花营金银花种植专业合作社',
      nameEn: 'Fengqiu County Huaying Honeysuckle Growers’ Cooperative',
    },
    { key: 'li-chunhua', kind: 'household', name: '李春花', lifted: true },
    { key: 'zhao-guoqing', kind: 'household', name: '赵国庆', lifted: true },
  ],
  products: [
    {
      slug: 'fengqiu-honeysuckle-tea',
      category: 'tea',
      producer: 'coop',
      name: '封丘金银花茶',
      nameEn: 'Fengqiu honeysuckle tea',
      summary: '花蕾未开时清晨采摘，当天低温烘干',
      summaryEn: 'Buds picked unopened in the early morning and dried at low heat the same day',
      description:
        '选花蕾饱满、尚未开放的头茬花，清晨带露采摘，当天进合作社烘干房低温烘干，花色青白，香气清淡。每次取五六朵，用85℃左右的热水冲泡，也可以和绿茶、菊花一起泡。密封避光保存，开封后尽快喝完。',
      descriptionEn:
        'Plump, still-closed buds from the first flush are picked in the early morning dew and dried at low heat in the cooperative’s drying house the same day, keeping a pale green-white colour and a light fragrance. Use five or six buds per cup with water at about 85 °C, on their own or with green tea or chrysanthemum. Keep sealed and out of the light, and finish soon after opening.',
      image: 'honeysuckle-tea.svg',
      credentials: [{ kind: 'poverty_alleviation', certificateNo: 'FP-410727-2020-0086', issuer: '封丘县乡村振兴局' }],
      variants: [
        {
          sku: 'FQ-HONEYSUCKLE-50G',
          name: '50g·罐装',
          nameEn: '50 g tin',
          priceFen: 2980,
          saleUnit: 'box',
          netGrams: 50,
          stock: 500,
        },
        {
          sku: 'FQ-HONEYSUCKLE-100G',
          name: '100g·罐装',
          nameEn: '100 g tin',
          priceFen: 4980,
          saleUnit: 'box',
          netGrams: 100,
          stock: 300,
        },
        {
          sku: 'FQ-HONEYSUCKLE-250G',
          name: '250g·袋装(家庭装)',
          nameEn: '250 g bag (family size)',
          priceFen: 9800,
          saleUnit: 'bag',
          netGrams: 250,
          stock: 150,
        },
      ],
    },
    {
      slug: 'fengqiu-sun-dried-honeysuckle',
      category: 'tea',
      producer: 'li-chunhua',
      name: '农家晒干金银花',
      nameEn: 'Farmhouse sun-dried honeysuckle',
      summary: '自家地里采摘，竹匾摊开自然晾干',
      summaryEn: 'Picked from the family plot and dried in the open on bamboo trays',
      description: '农户李某某家的两亩金银花，采下后摊在竹匾上自然晾干，不用硫磺熏。颜色比烘干的略黄，花朵大小不完全一致，价格实惠。请密封放在阴凉干燥处。',
      descriptionEn:
        'From the two mu of honeysuckle grown by the Li family: the flowers are spread on bamboo trays to dry naturally, never fumigated with sulphur. They are a little more yellow than oven-dried buds and less uniform in size, and priced accordingly. Keep sealed somewhere cool and dry.',
      image: 'honeysuckle-tea.svg',
      variants: [
        {
          sku: 'FQ-HONEYSUCKLE-SUN-100G',
          name: '100g·袋装',
          nameEn: '100 g bag',
          priceFen: 2680,
          saleUnit: 'bag',
          netGrams: 100,
          stock: 120,
        },
        {
          sku: 'FQ-HONEYSUCKLE-SUN-250G',
          name: '250g·袋装',
          nameEn: '250 g bag',
          priceFen: 5980,
          saleUnit: 'bag',
          netGrams: 250,
          stock: 60,
        },
      ],
    },
    {
      slug: 'fengqiu-locust-honey',
      category: 'veg-dried',
      producer: 'zhao-guoqing',
      name: '黄河滩槐花蜂蜜',
      nameEn: 'Yellow River locust-blossom honey',
      summary: '四月底槐花期自家蜂场取的槐花蜜，色浅味淡',
      summaryEn: 'Locust-blossom honey from the family apiary in late April; pale and mild',
      description:
        '每年四月下旬黄河滩的洋槐花开，赵某某把蜂箱拉到滩区槐树林，蜜封盖后再摇取，不加水、不加糖。槐花蜜颜色浅、味道清淡，不容易结晶。不满一岁的婴儿不宜食用，请密封常温保存。',
      descriptionEn:
        'In late April the black locust trees on the Yellow River flats come into flower; Mr Zhao moves his hives into the groves and extracts the honey only once the combs are capped, with nothing added. Locust honey is pale, mild and slow to crystallise. Not suitable for infants under one year; keep sealed at room temperature.',
      image: 'honey.svg',
      variants: [
        {
          sku: 'FQ-HONEY-LOCUST-500G',
          name: '500g·瓶装',
          nameEn: '500 g bottle',
          priceFen: 3980,
          saleUnit: 'bottle',
          netGrams: 500,
          stock: 240,
        },
        {
          sku: 'FQ-HONEY-LOCUST-1KG',
          name: '1000g·瓶装',
          nameEn: '1,000 g bottle',
          priceFen: 6980,
          saleUnit: 'bottle',
          netGrams: 1000,
          stock: 120,
        },
      ],
    },
  ],
};
