// The places repeat detection reads in a complaint: estates named by four characters without 小区,
// villages by a surname and 家, and the everyday words that look like them and name no place.
import { describe, expect, it } from 'vitest';
import { comparePlaces, matterText } from '../../workers/domain/similarity';

const place = (content: string) => matterText({ content });
const labels = (content: string) => place(content).places.map((p) => p.label);

describe('places repeat detection reads', () => {
  it('an estate named by four characters without 小区, and a village by a word of the land', () => {
    expect(labels('阳光新城物业把绿化带改成车位')).toEqual(['阳光新城']);
    expect(labels('我在御景府买的房')).toEqual(['御景府']);
    expect(labels('石门垭的校车停了')).toEqual(['石门垭']);
    expect(labels('柳树湾河边的农家乐')).toEqual(['柳树湾']);
    expect(labels('青杠坪离镇上九公里')).toEqual(['青杠坪']);
  });

  it('a village by a surname, 家 and a word of the land, all three compared', () => {
    expect(labels('王家庄到镇上的村道')).toEqual(['王家庄']);
    expect(labels('白水河刘家渡段河堤')).toEqual(['刘家渡']);
    expect(comparePlaces(place('王家庄的路被压坏了'), place('王家沟的路被压坏了'))).toEqual({
      different: ['王家沟', '王家庄'],
    });
    expect(comparePlaces(place('王家庄那条路还是没修'), place('王家庄村道路坑洼不平'))).toEqual({
      same: '王家庄',
    });
  });

  it('a village group as a door of the village: 李家沟三组 and 李家沟村三组 agree, 五组 is elsewhere', () => {
    expect(comparePlaces(place('李家沟三组水管断了'), place('李家沟村三组的自来水管道'))).toEqual({
      same: '李家沟3组',
      door: true,
    });
    expect(comparePlaces(place('李家沟五组水管断了'), place('李家沟三组水管断了'))).toEqual({
      different: ['李家沟3组', '李家沟5组'],
    });
  });

  it('tells two estates or two villages apart, where it saw only one before', () => {
    expect(
      comparePlaces(place('阳光新城高层二次供水水压不足'), place('锦绣花园高层二次供水水压不足')),
    ).toEqual({ different: ['锦绣花园', '阳光新城'] });
    expect(comparePlaces(place('陈家湾渡船超载'), place('周家湾渡船超载'))).toEqual({
      different: ['周家湾', '陈家湾'],
    });
  });

  it('no place in 大家, 人家, 国家, 专家, 回家, 农家乐, 县政府, 沟通, 工作组 and their like', () => {
    for (const text of [
      '国家政策说应保尽保',
      '大家出门都难',
      '有的人家有车有房',
      '专家来看过一次',
      '下夜班回家睡不着',
      '河边那家农家乐',
      '老人家不敢坐电梯',
      '想搬家到镇上',
      '任何家庭都有困难',
      '隔壁王家的狗咬人',
      '业主去县政府反映过',
      '跟村里沟通了几次',
      '门口水沟堵了',
      '草坪被挖了',
      '河坝垮了',
      '乡里工作组会来看',
      '专家组来了',
      '村民小组长说',
      '组织村民开会',
      '道路坑洼',
      '高速公路征地',
      '吃到地沟油',
      '新城区规划',
      '坝子里晒谷',
      '院坝里堆满了杂物',
      '阳沟堵了污水横流',
      '山垭口那段路',
      '分组讨论过',
      '交房拖了半年工地还停着',
    ])
      expect(labels(text), text).toEqual([]);
    // the kindergarten is a place, 左右新城 is not
    expect(labels('每天早上八点左右新城幼儿园门口车辆乱停')).toEqual(['新城幼儿园']);
  });

  it('a retold case that names no place is not "elsewhere" for its 大家 or 县政府', () => {
    expect(
      comparePlaces(
        place('村道压坏了还没修，大家出门都难，业主去县政府反映过'),
        place('王家庄到镇上的村道被大货车压坏'),
      ),
    ).toBeNull();
  });

  it('the name of the place is weighed as the place, not again as shared words (阳光新城物业 → no 城物)', () => {
    expect(place('阳光新城物业费上涨').grams.has('城物')).toBe(false);
    expect(place('阳光新城物业费上涨').grams.has('物业')).toBe(false); // a stock word
    expect(place('阳光新城物业费上涨').grams.has('上涨')).toBe(true);
  });
});
