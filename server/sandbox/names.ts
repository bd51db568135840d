/**
 * Plausible Chinese names for the sandbox's people and departments, so the open-data stand-in and
 * name search read like a real directory. Derived from the index alone (no draws from the corp's
 * random stream), so a seed still gives the same directory structure as before.
 */
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国文斌宇浩凯欣怡晨阳佳琪俊峰婷雪梅瑞';
const secondGiven = ['', '子', '思', '一', '嘉', '雨', '志', '梓', '宏', '晓', '天', '诗'];

export function personName(index: number): string {
  const s = surnames[index % surnames.length];
  const g = given[Math.floor(index / surnames.length + index * 7) % given.length];
  const second = secondGiven[(index * 5) % secondGiven.length];
  return `${s}${second}${g}`;
}

const departments = ['研发中心', '市场部', '销售部', '人力资源部', '财务部', '行政部', '生产部', '质量管理部', '客户服务部', '法务部', '采购部', '信息技术部'];

/** Department names by creation order (the corp itself is department 1). */
export function departmentName(id: number): string {
  const i = id - 2;
  if (i < 0) return `部门${id}`;
  const base = departments[i % departments.length];
  return i < departments.length ? base : `${base}${Math.floor(i / departments.length) + 1}组`;
}
