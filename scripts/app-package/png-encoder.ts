import zlib from 'node:zlib';
import { crc32 } from './crc32';
import type { RgbaImage } from './rgba-image';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const COLOUR_TYPE_RGBA = 6;

export function encodePng(image: RgbaImage): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bit depth
  header[9] = COLOUR_TYPE_RGBA;
  // bytes 10-12: compression, filter method and interlace are all 0

  const stride = image.width * 4;
  const scanlines = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y++) {
    // each scanline starts with filter type 0 (none); icons are tiny, so filtering buys nothing
    Buffer.from(image.pixels.buffer, image.pixels.byteOffset + y * stride, stride).copy(
      scanlines,
      y * (stride + 1) + 1,
    );
  }

  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const typeBytes = Buffer.from(type, 'ascii');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeBytes, data));
  return Buffer.concat([length, typeBytes, data, crc]);
}
