/** Ink pixel coordinates relative to the image centre, for projection profiles at any angle. */
export interface InkPoints {
  xs: Float32Array;
  ys: Float32Array;
  count: number;
  /** Half of the image diagonal: the largest |coordinate| after any rotation. */
  radius: number;
}

export function inkPoints(mask: Uint8Array, width: number, height: number, margin = 0): InkPoints {
  let count = 0;
  for (let y = margin; y < height - margin; y++) {
    for (let x = margin; x < width - margin; x++) if (mask[y * width + x]) count++;
  }
  const xs = new Float32Array(count);
  const ys = new Float32Array(count);
  const cx = width / 2;
  const cy = height / 2;
  let i = 0;
  for (let y = margin; y < height - margin; y++) {
    for (let x = margin; x < width - margin; x++) {
      if (mask[y * width + x]) {
        xs[i] = x - cx;
        ys[i] = y - cy;
        i++;
      }
    }
  }
  return { xs, ys, count, radius: Math.ceil(Math.hypot(width, height) / 2) + 2 };
}

/**
 * Row profile of the points after turning the image by `angleDeg` (positive = clockwise on
 * screen, the way sharp's rotate() turns it): counts of ink per output row.
 */
export function rowProfile(points: InkPoints, angleDeg: number): Float64Array {
  const a = (angleDeg * Math.PI) / 180;
  const sin = Math.sin(a);
  const cos = Math.cos(a);
  const size = points.radius * 2 + 1;
  const profile = new Float64Array(size);
  const { xs, ys, count, radius } = points;
  for (let i = 0; i < count; i++) {
    // Clockwise rotation on screen (y down): y' = x·sin + y·cos.
    const yr = xs[i]! * sin + ys[i]! * cos + radius;
    const lo = Math.floor(yr);
    const f = yr - lo;
    profile[lo] = profile[lo]! + (1 - f);
    profile[lo + 1] = profile[lo + 1]! + f;
  }
  return profile;
}

/** Points turned by a quarter turn clockwise (sharp rotate(90)), so column structure becomes rows. */
export function quarterTurn(points: InkPoints): InkPoints {
  const xs = new Float32Array(points.count);
  const ys = new Float32Array(points.count);
  for (let i = 0; i < points.count; i++) {
    xs[i] = -points.ys[i]!;
    ys[i] = points.xs[i]!;
  }
  return { xs, ys, count: points.count, radius: points.radius };
}

/** Every `step`-th point: enough for a coarse look at a page's line structure. */
export function thinPoints(points: InkPoints, step: number): InkPoints {
  const count = Math.floor(points.count / step);
  const xs = new Float32Array(count);
  const ys = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    xs[i] = points.xs[i * step]!;
    ys[i] = points.ys[i * step]!;
  }
  return { xs, ys, count, radius: points.radius };
}
