/**
 * community-screen: screening before publishing, 10,000 texts of 2,000 characters against a
 * 20,000-word sensitive list (the platform's and an enterprise's), with the classified-marker and
 * link rules as the API runs them (modules/community/screening).
 *
 *   npm run bench -- community-screen
 *   SCREEN_BENCH_TEXTS=2000 npm run bench -- community-screen
 *
 * Pure CPU: the lists are generated in memory (the database only stores them). Baseline, in the
 * same run: a naive loop of `includes` over every listed word on the same folded text, measured on
 * a sample of the texts. Target: p99 < 2 ms per text, ≥ 50× the naive loop.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '@qixue/config';
import { WordMatcher, foldForMatching, type ListedWord } from '../../server/src/modules/community/screening/word-matcher';
import { screen, type ScreeningRules } from '../../server/src/modules/community/screening/screen';
import { percentile, report, round } from './_support';

const TEXTS = Number(process.env.SCREEN_BENCH_TEXTS ?? 10_000);
const WORDS = Number(process.env.SCREEN_BENCH_WORDS ?? 20_000);
const TEXT_LENGTH = 2_000;
const NAIVE_SAMPLE = Math.min(TEXTS, 300);

let seed = 7;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];

// Everyday text is mostly common characters; listed words are spread over the whole CJK block,
// like the names and phrases real lists hold, with some Latin ones.
const COMMON = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严'.split('');
const anyCjk = () => String.fromCharCode(0x4e00 + Math.floor(rand() * 0x51a5));
const latin = () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 26)];

function makeWords(n: number): ListedWord[] {
  const words = new Set<string>();
  while (words.size < n) {
    const latinWord = rand() < 0.1;
    const length = latinWord ? 4 + Math.floor(rand() * 6) : 2 + Math.floor(rand() * 4);
    let w = '';
    // Every Chinese word has at least one rare character, as names and coined phrases do.
    for (let i = 0; i < length; i++) w += latinWord ? latin() : i > 0 && rand() < 0.5 ? pick(COMMON) : anyCjk();
    words.add(w);
  }
  return [...words].map((word, i) => ({ word, action: i % 5 === 0 ? 'refuse' : 'review' }));
}

function makeText(words: ListedWord[]): string {
  let t = '';
  while (t.length < TEXT_LENGTH) {
    const r = rand();
    if (r < 0.85) t += pick(COMMON);
    else if (r < 0.9) t += anyCjk();
    else if (r < 0.95) t += '，';
    else if (r < 0.999) t += latin();
    else t += ' https://example.com/a ';
  }
  // One text in thirty carries a listed word, as a reported or held post would.
  if (rand() < 1 / 30) {
    const at = Math.floor(rand() * (TEXT_LENGTH - 10));
    t = t.slice(0, at) + pick(words).word + t.slice(at);
  }
  return t.slice(0, TEXT_LENGTH);
}

function main() {
  const config = loadConfig({});
  const words = makeWords(WORDS);
  const started = performance.now();
  const matcher = new WordMatcher(words);
  const compileMs = performance.now() - started;
  const rules: ScreeningRules = { words: matcher, classifiedMarkers: config.KB_CLASSIFIED_MARKERS, linkDomains: [] };
  const texts = Array.from({ length: TEXTS }, () => makeText(words));
  console.log(`community-screen: ${TEXTS} texts × ${TEXT_LENGTH} characters, ${matcher.size} listed words (compiled in ${round(compileMs, 0)} ms)`);

  for (let i = 0; i < Math.min(500, TEXTS); i++) screen(rules, [{ what: 'body', text: texts[i] }]); // warm-up
  const times: number[] = [];
  const outcomes = { publish: 0, review: 0, refuse: 0 };
  for (const text of texts) {
    const t0 = performance.now();
    const verdict = screen(rules, [{ what: 'body', text }]);
    times.push(performance.now() - t0);
    outcomes[verdict.outcome]++;
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`screen (Aho–Corasick + markers + links): p50 ${round(percentile(times, 50), 3)} ms, p99 ${round(percentile(times, 99), 3)} ms, mean ${round(mean, 3)} ms; outcomes ${JSON.stringify(outcomes)}`);

  // Baseline: the same words found by a loop of includes (folded the same way), plus the same
  // marker and link rules, on a sample.
  const folded = words.map((w) => foldForMatching(w.word));
  const naiveTimes: number[] = [];
  let naiveHits = 0;
  let fastHits = 0;
  for (const text of texts.slice(0, NAIVE_SAMPLE)) {
    const t0 = performance.now();
    const f = foldForMatching(text);
    const found: string[] = [];
    for (const w of folded) if (f.includes(w)) found.push(w);
    screen({ ...rules, words: new WordMatcher([]) }, [{ what: 'body', text }]);
    naiveTimes.push(performance.now() - t0);
    naiveHits += found.length;
    fastHits += matcher.find(text).length;
  }
  if (naiveHits !== fastHits) throw new Error(`the matcher found ${fastHits} words where includes found ${naiveHits}`);
  const naiveMean = naiveTimes.reduce((a, b) => a + b, 0) / naiveTimes.length;
  const sampleMean = times.slice(0, NAIVE_SAMPLE).reduce((a, b) => a + b, 0) / NAIVE_SAMPLE;
  const ratio = naiveMean / sampleMean;
  console.log(`naive includes loop (${NAIVE_SAMPLE} texts): p50 ${round(percentile(naiveTimes, 50), 2)} ms, p99 ${round(percentile(naiveTimes, 99), 2)} ms, mean ${round(naiveMean, 2)} ms — same words found (${naiveHits})`);
  console.log(`ratio (mean per text on the same texts): ${round(ratio, 1)}× — target p99 < 2 ms and ≥ 50×`);

  report('community-screen', {
    texts: TEXTS, textLength: TEXT_LENGTH, words: matcher.size, compileMs: round(compileMs, 0),
    p50Ms: round(percentile(times, 50), 3), p99Ms: round(percentile(times, 99), 3), meanMs: round(mean, 3), outcomes,
    baseline: { kind: 'includes loop', texts: NAIVE_SAMPLE, p50Ms: round(percentile(naiveTimes, 50), 2), meanMs: round(naiveMean, 2) },
    ratio: round(ratio, 1), met: percentile(times, 99) < 2 && ratio >= 50,
  });
}

main();
