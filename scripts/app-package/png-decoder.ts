import zlib from 'node:zlib';
import { crc32 } from './crc32';
import { PNG_SIGNATURE } from './png-encoder';
import { createRgbaImage, type RgbaImage } from './rgba-image';

export class PngFormatError extends Error {
  override name = 'PngFormatError';
}

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlaced: boolean;
}

const CHANNELS_BY_COLOUR_TYPE: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const BIT_DEPTHS_BY_COLOUR_TYPE: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

interface Chunk {
  type: string;
  data: Buffer;
}

function readChunks(bytes: Buffer): Chunk[] {
  if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new PngFormatError('is not a PNG file');
  }
  const chunks: Chunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const typeBytes = bytes.subarray(offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length) throw new PngFormatError('is truncated');
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(typeBytes, data) !== bytes.readUInt32BE(offset + 8 + length)) {
      throw new PngFormatError(`has a corrupt ${typeBytes.toString('latin1')} chunk (CRC mismatch)`);
    }
    const type = typeBytes.toString('latin1');
    chunks.push({ type, data });
    if (type === 'IEND') return chunks;
    offset = end;
  }
  throw new PngFormatError('is truncated (no IEND chunk)');
}

function parseHeader(chunks: Chunk[]): PngHeader {
  const first = chunks[0];
  if (first?.type !== 'IHDR' || first.data.length !== 13) throw new PngFormatError('has no valid IHDR chunk');
  const header: PngHeader = {
    width: first.data.readUInt32BE(0),
    height: first.data.readUInt32BE(4),
    bitDepth: first.data[8],
    colourType: first.data[9],
    interlaced: first.data[12] === 1,
  };
  if (!BIT_DEPTHS_BY_COLOUR_TYPE[header.colourType]?.includes(header.bitDepth)) {
    throw new PngFormatError(
      `has an invalid colour type ${header.colourType} / bit depth ${header.bitDepth}`,
    );
  }
  return header;
}

/** Reads only what the IHDR chunk says; enough to check an icon's size. */
export function readPngHeader(bytes: Buffer): PngHeader {
  return parseHeader(readChunks(bytes));
}

export function decodePng(bytes: Buffer): RgbaImage {
  const chunks = readChunks(bytes);
  const header = parseHeader(chunks);
  if (header.interlaced) {
    throw new PngFormatError('is interlaced, which this check cannot read; save it without interlacing');
  }
  const channels = CHANNELS_BY_COLOUR_TYPE[header.colourType];
  const bitsPerPixel = channels * header.bitDepth;
  const stride = Math.ceil((header.width * bitsPerPixel) / 8);
  const compressed = Buffer.concat(
    chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data),
  );
  let filtered: Buffer;
  try {
    filtered = zlib.inflateSync(compressed);
  } catch (error) {
    throw new PngFormatError(`has image data that does not inflate: ${(error as Error).message}`);
  }
  if (filtered.length < (stride + 1) * header.height) throw new PngFormatError('has too little image data');
  const raw = unfilter(filtered, stride, header.height, Math.max(1, bitsPerPixel >> 3));
  const palette = chunks.find((chunk) => chunk.type === 'PLTE')?.data;
  const transparency = chunks.find((chunk) => chunk.type === 'tRNS')?.data;
  return toRgba(header, raw, stride, palette, transparency);
}

function unfilter(filtered: Buffer, stride: number, height: number, bytesPerPixel: number): Uint8Array {
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filterType = filtered[y * (stride + 1)];
    const input = y * (stride + 1) + 1;
    const row = y * stride;
    const previousRow = row - stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= bytesPerPixel ? raw[row + i - bytesPerPixel] : 0;
      const up = y > 0 ? raw[previousRow + i] : 0;
      const upLeft = y > 0 && i >= bytesPerPixel ? raw[previousRow + i - bytesPerPixel] : 0;
      let predictor: number;
      switch (filterType) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = (left + up) >> 1;
          break;
        case 4:
          predictor = paeth(left, up, upLeft);
          break;
        default:
          throw new PngFormatError(`has an unknown filter type ${filterType} on row ${y}`);
      }
      raw[row + i] = (filtered[input + i] + predictor) & 0xff;
    }
  }
  return raw;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

function toRgba(
  header: PngHeader,
  raw: Uint8Array,
  stride: number,
  palette: Buffer | undefined,
  transparency: Buffer | undefined,
): RgbaImage {
  const { width, height, bitDepth, colourType } = header;
  const channels = CHANNELS_BY_COLOUR_TYPE[colourType];
  const maxSample = 2 ** bitDepth - 1;
  const sample = (y: number, index: number): number => {
    const row = y * stride;
    if (bitDepth === 8) return raw[row + index];
    if (bitDepth === 16) return (raw[row + index * 2] << 8) | raw[row + index * 2 + 1];
    const bitOffset = index * bitDepth;
    const shift = 8 - bitDepth - (bitOffset & 7);
    return (raw[row + (bitOffset >> 3)] >> shift) & maxSample;
  };
  const to8Bit = (value: number): number => Math.round((value * 255) / maxSample);
  if (colourType === 3 && !palette) throw new PngFormatError('is palette-based but has no PLTE chunk');

  const image = createRgbaImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const samples = Array.from({ length: channels }, (_, c) => sample(y, x * channels + c));
      let rgba: [number, number, number, number];
      switch (colourType) {
        case 0: {
          const grey = to8Bit(samples[0]);
          const keyed =
            transparency !== undefined &&
            transparency.length >= 2 &&
            samples[0] === transparency.readUInt16BE(0);
          rgba = [grey, grey, grey, keyed ? 0 : 255];
          break;
        }
        case 2: {
          const keyed =
            transparency !== undefined &&
            transparency.length >= 6 &&
            samples.every((value, c) => value === transparency.readUInt16BE(c * 2));
          rgba = [to8Bit(samples[0]), to8Bit(samples[1]), to8Bit(samples[2]), keyed ? 0 : 255];
          break;
        }
        case 3: {
          const index = samples[0];
          if (!palette || index * 3 + 2 >= palette.length) {
            throw new PngFormatError(`uses palette entry ${index}, which the PLTE chunk does not have`);
          }
          rgba = [
            palette[index * 3],
            palette[index * 3 + 1],
            palette[index * 3 + 2],
            transparency?.[index] ?? 255,
          ];
          break;
        }
        case 4:
          rgba = [to8Bit(samples[0]), to8Bit(samples[0]), to8Bit(samples[0]), to8Bit(samples[1])];
          break;
        default:
          rgba = [to8Bit(samples[0]), to8Bit(samples[1]), to8Bit(samples[2]), to8Bit(samples[3])];
      }
      image.pixels.set(rgba, (y * width + x) * 4);
    }
  }
  return image;
}
