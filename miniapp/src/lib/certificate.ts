/**
 * A certificate as a picture: its lines (shared with the page) and the drawing on a 2D canvas —
 * the same code on the mini-program's canvas and the browser's <canvas>.
 */
import { formatLongDate } from './time';

export interface CertificateData {
  holder: string | null;
  course: string;
  creditHours: number | null;
  issuedAt: string;
  verificationCode: string;
  enterprise: string | null;
  timeZone?: string;
}

export interface CertificateText {
  title: string;
  holder: string;
  body: string;
  hours: string | null;
  issuer: string;
  date: string;
  number: string;
}

/** The certificate's words; `holderLabel` is the name to draw (the host draws WeCom names on the page). */
export function certificateText(c: CertificateData, holderLabel?: string | null): CertificateText {
  const holder = c.holder ?? holderLabel ?? '持证人';
  return {
    title: '培训合格证书',
    holder,
    body: `兹证明 ${holder} 已完成《${c.course}》课程的全部学习，考核合格，特发此证。`,
    hours: c.creditHours !== null && c.creditHours !== undefined ? `获得学时：${formatHours(c.creditHours)} 学时` : null,
    issuer: `发证单位：${c.enterprise ?? '—'}`,
    date: `发证日期：${formatLongDate(c.issuedAt, c.timeZone)}`,
    number: `证书编号：${c.verificationCode}`,
  };
}

export function formatHours(h: number): string {
  return String(Math.round(h * 100) / 100);
}

/** The part of CanvasRenderingContext2D the drawing uses (both platforms' 2D contexts have it). */
export interface Canvas2D {
  fillStyle: string | unknown;
  strokeStyle: string | unknown;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
}

export const CERT_WIDTH = 1200;
export const CERT_HEIGHT = 850;

/** Breaks text into lines no wider than `max` (character by character: Chinese has no spaces). */
export function wrapText(ctx: Pick<Canvas2D, 'measureText'>, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of Array.from(text)) {
    if (line && ctx.measureText(line + ch).width > max) {
      lines.push(line);
      line = ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

export function drawCertificate(ctx: Canvas2D, c: CertificateData, holderLabel?: string | null): void {
  const t = certificateText(c, holderLabel);
  const W = CERT_WIDTH;
  const H = CERT_HEIGHT;
  const font = (px: number, bold = false) => `${bold ? 'bold ' : ''}${px}px "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
  ctx.fillStyle = '#fffdf6';
  ctx.fillRect(0, 0, W, H);
  ctx.strokeStyle = '#b8860b';
  ctx.lineWidth = 12;
  ctx.strokeRect(30, 30, W - 60, H - 60);
  ctx.lineWidth = 2;
  ctx.strokeRect(56, 56, W - 112, H - 112);

  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#8b1a1a';
  ctx.font = font(64, true);
  ctx.fillText(t.title, W / 2, 170);

  ctx.fillStyle = '#222222';
  ctx.font = font(52, true);
  ctx.fillText(t.holder, W / 2, 290);

  ctx.font = font(32);
  const lines = wrapText(ctx, t.body, W - 280);
  lines.forEach((l, i) => ctx.fillText(l, W / 2, 390 + i * 52));
  let y = 390 + lines.length * 52 + 20;
  if (t.hours) {
    ctx.fillText(t.hours, W / 2, y);
    y += 52;
  }

  ctx.textAlign = 'right';
  ctx.font = font(28);
  ctx.fillText(t.issuer, W - 120, H - 210);
  ctx.fillText(t.date, W - 120, H - 160);
  ctx.textAlign = 'left';
  ctx.fillStyle = '#666666';
  ctx.font = font(24);
  ctx.fillText(t.number, 120, H - 110);
}
