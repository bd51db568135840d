/**
 * Mini-program variant: draws on an offscreen 2D canvas, writes a temporary PNG and saves it to
 * the photo album (the host asks the person's permission the first time).
 */
import Taro from '@tarojs/taro';
import type { Canvas2D } from '../lib/certificate';

export async function saveDrawing(width: number, height: number, draw: (ctx: Canvas2D) => void, _filename: string): Promise<void> {
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width, height }) as unknown as { getContext(kind: '2d'): Canvas2D };
  draw(canvas.getContext('2d'));
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png', destWidth: width, destHeight: height } as never);
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath });
}
