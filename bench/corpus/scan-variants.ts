/**
 * Makes a typeset page look scanned, as the vi-admin corpus's variants do (see its README):
 * clean, degraded, stamp (red seal and blue signature on cream paper) and rotated.
 */
import sharp, { type OverlayOptions, type Sharp } from 'sharp';
import type { Random } from './random';
import { A4_300, type RenderedPage } from './render-page';

export type Variant = 'clean' | 'degraded' | 'stamp' | 'rotated';

export interface ScannedPage {
  bytes: Buffer;
  format: 'png' | 'jpg';
  dpi: number;
  rotation: number;
  skew: number;
  color: 'gray' | 'rgb';
}

const { width: W, height: H } = A4_300;

/** Paper and ink levels mixed by the ink mask, with uneven light across the page. */
function shade(page: RenderedPage, paper: number, ink: number, light: number): Buffer {
  const out = Buffer.alloc(W * H);
  for (let y = 0; y < H; y++) {
    const lift = light * (y / H - 0.5);
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const a = page.ink[i]! / 255;
      const base = paper + lift + (light / 2) * (x / W - 0.5);
      out[i] = Math.max(0, Math.min(255, Math.round(base * (1 - a) + ink * a)));
    }
  }
  return out;
}

function addNoise(pixels: Buffer, r: Random, sigma: number, specks: number, width: number, height: number, channels = 1): void {
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.max(0, Math.min(255, Math.round(pixels[i]! + r.gaussian() * sigma)));
  for (let s = 0; s < specks; s++) {
    const cx = r.int(0, width - 1);
    const cy = r.int(0, height - 1);
    const radius = r.int(1, 3);
    const level = r.int(20, 90);
    for (let dy = -radius; dy <= radius; dy++)
      for (let dx = -radius; dx <= radius; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x < 0 || y < 0 || x >= width || y >= height || dx * dx + dy * dy > radius * radius) continue;
        for (let c = 0; c < channels; c++) pixels[(y * width + x) * channels + c] = level;
      }
  }
}

const grey = (data: Buffer, width = W, height = H) => sharp(data, { raw: { width, height, channels: 1 } });

async function skewed(img: Sharp, degrees: number, background: number): Promise<Buffer> {
  const turned = await img
    .rotate(degrees, { background: { r: background, g: background, b: background } })
    .png()
    .toBuffer();
  const { data, info } = await sharp(turned).removeAlpha().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const left = Math.max(0, Math.round((info.width - W) / 2));
  const top = Math.max(0, Math.round((info.height - H) / 2));
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .extract({ left, top, width: W, height: H })
    .extractChannel(0)
    .raw()
    .toBuffer();
}

/** A round red seal with its ring, a star and lettering, as SVG. */
function sealSvg(size: number, r: Random): string {
  const c = size / 2;
  const letters = 'ỦY BAN NHÂN DÂN * TỈNH BÌNH DƯƠNG *';
  const rotation = r.int(0, 359);
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${size}" height="${size}">
  <defs><path id="ring" d="M ${c},${c} m -${c * 0.72},0 a ${c * 0.72},${c * 0.72} 0 1,1 ${c * 1.44},0 a ${c * 0.72},${c * 0.72} 0 1,1 -${c * 1.44},0"/></defs>
  <g transform="rotate(${rotation} ${c} ${c})" fill="none" stroke="rgb(215,35,40)" stroke-opacity="0.85">
    <circle cx="${c}" cy="${c}" r="${c * 0.95}" stroke-width="${size * 0.03}"/>
    <circle cx="${c}" cy="${c}" r="${c * 0.88}" stroke-width="${size * 0.01}"/>
    <circle cx="${c}" cy="${c}" r="${c * 0.5}" stroke-width="${size * 0.012}"/>
    <text font-family="Liberation Serif" font-weight="bold" font-size="${size * 0.085}" fill="rgb(215,35,40)" fill-opacity="0.85" stroke="none"><textPath xlink:href="#ring">${letters}</textPath></text>
    <text x="${c}" y="${c + size * 0.03}" text-anchor="middle" font-family="Liberation Serif" font-weight="bold" font-size="${size * 0.09}" fill="rgb(215,35,40)" fill-opacity="0.85" stroke="none">UBND</text>
  </g></svg>`;
}

/** A handwritten-looking signature: a few loops in blue ink. */
function signatureSvg(width: number, height: number, r: Random): string {
  let d = `M ${width * 0.05} ${height * r.range(0.4, 0.7)}`;
  for (let k = 1; k <= 5; k++) {
    const x = (width * k) / 5.5;
    d += ` C ${x - width * 0.12} ${height * r.range(0, 0.3)}, ${x + width * 0.05} ${height * r.range(0.7, 1)}, ${x} ${height * r.range(0.3, 0.7)}`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><path d="${d}" fill="none" stroke="rgb(30,50,170)" stroke-width="${r.range(4, 7)}" stroke-linecap="round"/></svg>`;
}

async function stampVariant(page: RenderedPage, r: Random): Promise<ScannedPage> {
  const inkPage = shade(page, 0, 255, 0);
  const paper = { r: 248, g: 243, b: 228 };
  // Cream paper, dark ink.
  const base = await sharp({ create: { width: W, height: H, channels: 3, background: paper } })
    .composite([
      {
        input: await sharp({ create: { width: W, height: H, channels: 3, background: { r: 28, g: 28, b: 34 } } })
          .joinChannel(inkPage, { raw: { width: W, height: H, channels: 1 } })
          .png()
          .toBuffer(),
      },
    ])
    .removeAlpha()
    .raw()
    .toBuffer();
  const overlays: OverlayOptions[] = [];
  if (page.signer) {
    const seal = 520;
    const sig = { width: 560, height: 200 };
    const sx = Math.round(page.signer.x + page.signer.width / 2 - seal / 2 - r.int(60, 160));
    const sy = Math.round(page.signer.y + page.signer.height / 2 - seal / 2);
    overlays.push({ input: Buffer.from(sealSvg(seal, r)), left: Math.max(0, sx), top: Math.max(0, sy), blend: 'multiply' });
    overlays.push({
      input: Buffer.from(signatureSvg(sig.width, sig.height, r)),
      left: Math.round(page.signer.x + page.signer.width / 2 - sig.width / 2),
      top: Math.round(page.signer.y + page.signer.height * 0.45),
      blend: 'multiply',
    });
  }
  const scale = r.range(0.94, 0.97);
  const skew = r.range(0.3, 1.5) * (r.bool() ? 1 : -1);
  const inner = await sharp(base, { raw: { width: W, height: H, channels: 3 } })
    .composite(overlays)
    .resize(Math.round(W * scale), Math.round(H * scale))
    .rotate(skew, { background: { r: 55, g: 55, b: 58 } })
    .png()
    .toBuffer({ resolveWithObject: true });
  const left = Math.round((W - inner.info.width) / 2);
  const top = Math.round((H - inner.info.height) / 2);
  const { data } = await sharp({ create: { width: W, height: H, channels: 3, background: { r: 55, g: 55, b: 58 } } })
    .composite([{ input: inner.data, left: Math.max(0, left), top: Math.max(0, top) }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  addNoise(data, r, 3, 40, W, H, 3);
  const bytes = await sharp(data, { raw: { width: W, height: H, channels: 3 } })
    .jpeg({ quality: 80 })
    .withDensity(300)
    .toBuffer();
  return { bytes, format: 'jpg', dpi: 300, rotation: 0, skew: Math.round(skew * 100) / 100, color: 'rgb' };
}

export async function scanVariant(page: RenderedPage, variant: Variant, r: Random): Promise<ScannedPage> {
  if (variant === 'clean') {
    const bytes = await grey(shade(page, 255, 0, 0))
      .toColourspace('b-w')
      .png({ compressionLevel: 9 })
      .withDensity(300)
      .toBuffer();
    return { bytes, format: 'png', dpi: 300, rotation: 0, skew: 0, color: 'gray' };
  }
  if (variant === 'stamp') return stampVariant(page, r);
  if (variant === 'rotated') {
    const rotation = r.pick([90, 180, 270]);
    const pixels = shade(page, 246, 20, 10);
    addNoise(pixels, r, 4, 30, W, H);
    const bytes = await grey(pixels).rotate(rotation).toColourspace('b-w').jpeg({ quality: 80 }).withDensity(300).toBuffer();
    return { bytes, format: 'jpg', dpi: 300, rotation, skew: 0, color: 'gray' };
  }
  const paper = r.int(212, 236);
  const skew = r.range(0.5, 3) * (r.bool() ? 1 : -1);
  const rotated = await skewed(grey(shade(page, paper, r.int(25, 60), r.int(10, 30))).blur(r.range(0.8, 1.3)), skew, paper);
  const width = Math.round((W * 200) / 300);
  const height = Math.round((H * 200) / 300);
  const small = await grey(rotated).resize(width, height).extractChannel(0).raw().toBuffer();
  addNoise(small, r, r.range(5, 10), r.int(80, 250), width, height);
  const bytes = await grey(small, width, height)
    .toColourspace('b-w')
    .jpeg({ quality: r.int(60, 80) })
    .withDensity(200)
    .toBuffer();
  return { bytes, format: 'jpg', dpi: 200, rotation: 0, skew: Math.round(skew * 100) / 100, color: 'gray' };
}
