// Demo catalogue: nine villages and what they sell. Villages, producers and
// certificate numbers are fictional; provinces, cities, counties and townships
// are real. Prices are integer 分 (6980 = 69.80元); 1斤 = 500 g.
// Each village is a file under villages/; this list is the order the store shows them in.

import type { DemoCategory, DemoVillage } from './types.ts';
import { taohuayuMengyin } from './villages/01-taohuayu-mengyin.ts';
import { cuipingMeitan } from './villages/02-cuiping-meitan.ts';
import { huayingFengqiu } from './villages/03-huaying-fengqiu.ts';
import { liuhuGuoyang } from './villages/04-liuhu-guoyang.ts';
import { haojiatunWeixian } from './villages/05-haojiatun-weixian.ts';
import { sipoLuonan } from './villages/06-sipo-luonan.ts';
import { shangpingXingguo } from './villages/07-shangping-xingguo.ts';
import { dongjingyuanQianjiang } from './villages/08-dongjingyuan-qianjiang.ts';
import { shaquanZhongwei } from './villages/09-shaquan-zhongwei.ts';

export const categories: DemoCategory[] = [
  { slug: 'fresh-fruit', name: '鲜果', nameEn: 'Fresh fruit', perishable: true },
  { slug: 'tea', name: '茶叶', nameEn: 'Tea' },
  { slug: 'grain-oil', name: '粮油', nameEn: 'Grain & oil' },
  { slug: 'veg-dried', name: '蔬菜干货', nameEn: 'Vegetables & dried goods' },
  { slug: 'poultry-eggs', name: '禽蛋', nameEn: 'Poultry & eggs', perishable: true },
  { slug: 'aquatic', name: '水产', nameEn: 'Aquatic products', perishable: true },
  { slug: 'handicraft', name: '手工日用', nameEn: 'Handicrafts & household', comparePerJin: false },
];

export const villages: DemoVillage[] = [
  taohuayuMengyin,
  cuipingMeitan,
  huayingFengqiu,
  liuhuGuoyang,
  haojiatunWeixian,
  sipoLuonan,
  shangpingXingguo,
  dongjingyuanQianjiang,
  shaquanZhongwei,
];
