// File typing by magic bytes. Archives and compressed streams are unpacked by the
// engine; executables and documents are only reported (type + hashes), never run.

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  if (b.length < at + sig.length) {
    return false;
  }
  for (let i = 0; i < sig.length; i++) {
    if (b[at + i] !== sig[i]) {
      return false;
    }
  }
  return true;
}

function ascii(s: string): number[] {
  return Array.from(s, c => c.charCodeAt(0));
}

/** PE if the MZ header's e_lfanew points at "PE\0\0"; a bare MZ stub is still reported. */
function peType(b: Uint8Array): string {
  if (b.length >= 0x40) {
    const off = b[0x3c] | (b[0x3d] << 8) | (b[0x3e] << 16) | (b[0x3f] << 24);
    if (off > 0 && startsWith(b, [0x50, 0x45, 0, 0], off)) {
      // Characteristics bit 0x2000 marks a DLL.
      const ch = off + 22 < b.length ? b[off + 22] | (b[off + 23] << 8) : 0;
      return ch & 0x2000 ? 'pe-dll' : 'pe-exe';
    }
  }
  return 'mz';
}

/** A tar header: "ustar" at 257, or a plain v7 header whose checksum adds up. */
export function isTar(b: Uint8Array): boolean {
  if (b.length < 512) {
    return false;
  }
  if (startsWith(b, ascii('ustar'), 257)) {
    return true;
  }
  let sum = 0;
  for (let i = 0; i < 512; i++) {
    sum += i >= 148 && i < 156 ? 32 : b[i];
  }
  const field = String.fromCharCode(...b.subarray(148, 156))
    .replace(/[\0 ]+$/, '')
    .trim();
  return b[0] !== 0 && /^[0-7]{1,7}$/.test(field) && parseInt(field, 8) === sum;
}

const SIGNATURES: [string, number[], number?][] = [
  ['gzip', [0x1f, 0x8b, 0x08]],
  ['zip', ascii('PK\x03\x04')],
  ['zip', ascii('PK\x05\x06')],
  ['zip', ascii('PK\x07\x08')],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['rar', ascii('Rar!\x1a\x07')],
  ['ole', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['pdf', ascii('%PDF-')],
  ['elf', ascii('\x7fELF')],
  ['bzip2', ascii('BZh')],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['cab', ascii('MSCF')],
  ['wim', ascii('MSWIM\0\0\0')],
  ['macho', [0xcf, 0xfa, 0xed, 0xfe]],
  ['macho', [0xce, 0xfa, 0xed, 0xfe]],
  ['java-class', [0xca, 0xfe, 0xba, 0xbe]],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', ascii('GIF8')],
  ['lnk', [0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0]],
  ['rtf', ascii('{\\rtf')]
];

/** zlib header: deflate method, 32K window or less, and the FCHECK multiple of 31. */
export function isZlib(b: Uint8Array): boolean {
  return (
    b.length >= 2 &&
    (b[0] & 0x0f) === 8 &&
    b[0] >> 4 <= 7 &&
    ((b[0] << 8) | b[1]) % 31 === 0 &&
    (b[1] & 0x20) === 0
  );
}

/** The file type of a blob by magic bytes, or null when unknown. */
export function sniffType(b: Uint8Array): string | null {
  if (b.length >= 2 && b[0] === 0x4d && b[1] === 0x5a) {
    return peType(b);
  }
  for (const [name, sig, at] of SIGNATURES) {
    if (startsWith(b, sig, at ?? 0)) {
      return name;
    }
  }
  if (isTar(b)) {
    return 'tar';
  }
  if (isZlib(b)) {
    return 'zlib';
  }
  return null;
}
