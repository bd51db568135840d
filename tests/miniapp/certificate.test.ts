/** lib/certificate: the certificate's words and its drawing (a recording 2D context stands in for the canvas). */
import { certificateText, drawCertificate, wrapText, type Canvas2D } from '../../miniapp/src/lib/certificate';

const data = { holder: '张三', course: '消防安全', creditHours: 2.5, issuedAt: '2026-03-01T17:30:00.000Z', verificationCode: 'ABCD1234EFGH', enterprise: '示例科技', timeZone: 'Asia/Shanghai' };

function recorder() {
  const texts: string[] = [];
  const ctx: Canvas2D = {
    fillStyle: '', strokeStyle: '', lineWidth: 1, font: '', textAlign: 'left', textBaseline: 'alphabetic',
    fillRect: () => undefined, strokeRect: () => undefined,
    fillText: (t) => void texts.push(t),
    measureText: (t) => ({ width: Array.from(t).length * 32 }),
  };
  return { ctx, texts };
}

describe('certificate', () => {
  it('names the holder, course, hours, enterprise, the date in the enterprise time zone and the number', () => {
    const t = certificateText(data);
    expect(t.holder).toBe('张三');
    expect(t.body).toContain('《消防安全》');
    expect(t.hours).toBe('获得学时：2.5 学时');
    expect(t.issuer).toBe('发证单位：示例科技');
    // 17:30 UTC on 1 March is 2 March in Shanghai.
    expect(t.date).toBe('发证日期：2026年3月2日');
    expect(t.number).toBe('证书编号：ABCD1234EFGH');
    // A WeCom member: the stand-in's name, never an id; without one, a neutral word.
    expect(certificateText({ ...data, holder: null }, '李四').holder).toBe('李四');
    expect(certificateText({ ...data, holder: null }).holder).toBe('持证人');
    expect(certificateText({ ...data, creditHours: null }).hours).toBeNull();
  });

  it('draws every line, wrapping the long sentence', () => {
    const { ctx, texts } = recorder();
    drawCertificate(ctx, { ...data, course: '一门名字非常非常非常非常非常非常非常长的安全生产与职业健康课程' });
    const all = texts.join('\n');
    for (const s of ['培训合格证书', '张三', '获得学时：2.5 学时', '发证单位：示例科技', '发证日期：2026年3月2日', '证书编号：ABCD1234EFGH']) expect(all).toContain(s);
    expect(texts.filter((x) => x.includes('兹证明') || x.includes('特发此证')).length).toBeGreaterThanOrEqual(1);
    expect(wrapText(ctx, '一二三四五六七八九十', 32 * 4)).toEqual(['一二三四', '五六七八', '九十']);
  });
});
