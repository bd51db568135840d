/** Browser variant: draws on a <canvas> and downloads it as a PNG. */
import type { Canvas2D } from '../lib/certificate';

export async function saveDrawing(width: number, height: number, draw: (ctx: Canvas2D) => void, filename: string): Promise<void> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('浏览器不支持绘图，无法保存图片');
  draw(ctx as unknown as Canvas2D);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('生成图片失败');
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.setAttribute('data-testid', 'certificate-download');
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
