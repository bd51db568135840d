import { htmlToText, textToHtml } from '../../miniapp/src/lib/rich-text';

describe('the body editor text ↔ HTML', () => {
  it('writes headings, lists, bold and paragraphs, escaping everything else', () => {
    const html = textToHtml('# 安全须知\n\n第一段\n第二行 **重点**\n\n- 甲\n- 乙 <script>\n## 小结\n完');
    expect(html).toBe('<h2>安全须知</h2><p>第一段<br/>第二行 <strong>重点</strong></p><ul><li>甲</li><li>乙 &lt;script&gt;</li></ul><h3>小结</h3><p>完</p>');
  });

  it('reads back what it wrote, and text from other HTML', () => {
    const text = '# 安全须知\n\n第一段\n第二行 **重点**\n\n- 甲\n- 乙 <b>\n\n## 小结\n\n完';
    expect(htmlToText(textToHtml(text))).toBe(text);
    expect(htmlToText('<div><p>a &amp; b</p><img src="x"><p>c</p></div>')).toBe('a & b\n\nc');
  });
});
