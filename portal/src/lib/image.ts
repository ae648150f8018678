// Shrinks a phone photo in the browser before upload: a 4 MB, 4000 px picture becomes a few
// hundred KB at 1600 px, which is what a farmer on 3G can send. PDFs and small images pass as is.
const MAX_SIDE = 1600;
const QUALITY = 0.8;
const SMALL_ENOUGH = 400 * 1024;

function loadImage(
  file: Blob,
): Promise<{ img: CanvasImageSource; width: number; height: number; done: () => void }> {
  if (typeof createImageBitmap === 'function') {
    // Applies the EXIF orientation, so a portrait photo stays upright.
    return createImageBitmap(file, { imageOrientation: 'from-image' } as ImageBitmapOptions).then((bmp) => ({
      img: bmp,
      width: bmp.width,
      height: bmp.height,
      done: () => bmp.close(),
    }));
  }
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () =>
      resolve({
        img,
        width: img.naturalWidth,
        height: img.naturalHeight,
        done: () => URL.revokeObjectURL(url),
      });
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('image'));
    };
    img.src = url;
  });
}

/** Returns a smaller JPEG, or the file itself when shrinking would not help (or fails). */
export async function shrinkImage(file: File): Promise<{ blob: Blob; name: string }> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return { blob: file, name: file.name };
  try {
    const { img, width, height, done } = await loadImage(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
    if (scale === 1 && file.size <= SMALL_ENOUGH) {
      done();
      return { blob: file, name: file.name };
    }
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const g = canvas.getContext('2d');
    if (!g) {
      done();
      return { blob: file, name: file.name };
    }
    // JPEG has no transparency: paint white first so a PNG screenshot does not turn black.
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    done();
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', QUALITY));
    if (!blob || blob.size >= file.size) return { blob: file, name: file.name };
    return { blob, name: file.name.replace(/\.[^.]*$/, '') + '.jpg' };
  } catch {
    return { blob: file, name: file.name };
  }
}
