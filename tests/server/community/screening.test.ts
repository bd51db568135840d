/** Screening rules, without HTTP: words (folded), classified markers, links → publish / review / refuse. */
import { WordMatcher, foldForMatching } from '../../../server/src/modules/community/screening/word-matcher';
import { checkLinks, normaliseDomain } from '../../../server/src/modules/community/screening/links';
import { refusalError, screen, type ScreeningRules } from '../../../server/src/modules/community/screening/screen';

const rules = (over: Partial<ScreeningRules> = {}): ScreeningRules => ({
  words: new WordMatcher([{ word: '赌博网站', action: 'refuse' }, { word: '加微信', action: 'review' }, { word: 'ＳＰＡＭ', action: 'review' }]),
  classifiedMarkers: ['绝密', '机密', '秘密', '内部资料'],
  linkDomains: [],
  ...over,
});
const body = (text: string) => [{ what: 'body', text }];

describe('word matcher', () => {
  it('finds listed words through full-width forms, case and separators put inside them', () => {
    const m = rules().words;
    expect(m.find('欢迎访问 赌 博*网·站 了解')).toEqual([{ word: '赌博网站', action: 'refuse' }]);
    expect(m.find('联系我 spam 加 微 信')).toEqual(expect.arrayContaining([{ word: '加微信', action: 'review' }, { word: 'spam', action: 'review' }]));
    expect(m.find('联系我 spam 加 微 信')).toHaveLength(2);
    expect(m.find('正常的学习心得')).toEqual([]);
    expect(new WordMatcher([]).find('任何内容')).toEqual([]);
  });

  it('keeps the stricter action when a word is listed twice', () => {
    expect(new WordMatcher([{ word: '某词', action: 'review' }, { word: '某词', action: 'refuse' }]).find('含某词')).toEqual([{ word: '某词', action: 'refuse' }]);
  });
});

describe('word matcher against a loop of includes', () => {
  let seed = 11;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const ALPHABET = ['敏', '感', '词', '测', '试', '的', 'a', 'B', 'Ｃ', '，', ' ', '*', 'é', 'e\u0301', '😀', 'ß', 'İ', '\u3000', '①'];
  const draw = (n: number) => Array.from({ length: n }, () => ALPHABET[Math.floor(rand() * ALPHABET.length)]).join('');
  const naive = (words: string[], text: string) => {
    const folded = foldForMatching(text);
    return new Set(words.map(foldForMatching).filter((w) => w && folded.includes(w)));
  };

  it('finds overlapping words, words inside words and words sharing suffixes (he/she/his/hers)', () => {
    const m = new WordMatcher(['he', 'she', 'his', 'hers'].map((word) => ({ word, action: 'review' as const })));
    expect(m.find('ushers').map((h) => h.word).sort()).toEqual(['he', 'hers', 'she']);
    expect(m.find('ahishers').map((h) => h.word).sort()).toEqual(['he', 'hers', 'his', 'she']);
  });

  it('agrees with includes on folded text over random lists and texts, ASCII, CJK, full-width, combining marks and surrogates', () => {
    for (let round = 0; round < 300; round++) {
      const words = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => draw(1 + Math.floor(rand() * 4)));
      const m = new WordMatcher(words.map((word) => ({ word, action: 'review' as const })));
      for (let t = 0; t < 5; t++) {
        const text = draw(Math.floor(rand() * 40));
        expect(new Set(m.find(text).map((h) => h.word))).toEqual(naive(words, text));
      }
    }
  });

  it('folds by table exactly as NFKC + lower case + dropping separators would', () => {
    const SEP = /[\s\u200b-\u200f\u2060\ufeff*_~·•.,，。、|/\\'"`^+\-=#@!！?？:：;；()[\]{}（）【】「」《》<>]+/g;
    const reference = (t: string) => t.normalize('NFKC').toLowerCase().replace(SEP, '');
    for (const text of ['普通的中文，句子。', 'ＡＢＣ　ｄｅｆ！', 'Hello, World', 'é vs e\u0301', '①②③ ｶﾀｶﾅ', '😀 x', '“引号”‘单’·•']) {
      expect(foldForMatching(text)).toBe(reference(text));
    }
    for (let i = 0; i < 200; i++) {
      const text = draw(30);
      expect(foldForMatching(text)).toBe(reference(text));
    }
  });
});

describe('links', () => {
  it('refuses schemes other than http(s) and holds hosts outside the allow-list', () => {
    expect(checkLinks('看 javascript:alert(1) 和 ftp://x.example/a', [])).toEqual([
      { rule: 'link_scheme', link: 'javascript:' },
      { rule: 'link_scheme', link: 'ftp://x.example/a' },
    ]);
    expect(checkLinks('比分 3:2，时间:下午', [])).toEqual([]);
    expect(checkLinks('https://docs.qixue.example/a https://evil.example', ['qixue.example'])).toEqual([{ rule: 'link_domain', link: 'https://evil.example', host: 'evil.example' }]);
    expect(normaliseDomain('HTTPS://Qixue.Example/path')).toBe('qixue.example');
    expect(normaliseDomain('not a domain')).toBeNull();
  });
});

describe('screen', () => {
  it('publishes clean text, holds review words and foreign hosts, refuses prohibited words, markers and bad links', () => {
    expect(screen(rules(), body('今天学习了新的制度'))).toEqual({ outcome: 'publish', reasons: [] });
    expect(screen(rules(), body('有事加微信')).outcome).toBe('review');
    expect(screen(rules({ linkDomains: ['qixue.example'] }), body('见 https://evil.example/x')).outcome).toBe('review');
    expect(screen(rules(), body('加微信，看赌博网站')).outcome).toBe('refuse');
    expect(screen(rules(), body('【机密】季度计划')).reasons[0]).toEqual({ rule: 'classified_marker', match: '机密', part: 'body' });
    expect(screen(rules(), body('商业秘密的保护')).outcome).toBe('publish'); // the level word alone is an ordinary word
    const err = refusalError(screen(rules(), body('javascript:alert(1)')).reasons);
    expect(err).toMatchObject({ status: 422, code: 'link_not_allowed' });
    expect(err.message).toMatch(/ \/ /);
  });
});
