// Checksums of cryptocurrency addresses, which turn "looks like an address" into "is one"
// (a bare base58 or hex run is far more often a hash or an id). SHA-256 and Keccak-256 come
// from @noble/hashes (audited, synchronous, no WebCrypto promise in the scan loop).
import { sha256 } from '@noble/hashes/sha2';
import { keccak_256 } from '@noble/hashes/sha3';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_INDEX = new Map([...B58].map((c, i) => [c, i]));

function base58Decode(s: string): Uint8Array | null {
  let n = 0n;
  for (const c of s) {
    const v = B58_INDEX.get(c);
    if (v === undefined) {
      return null;
    }
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for (let i = 0; i < s.length && s[i] === '1'; i++) {
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

/** Legacy (P2PKH, version 0) and P2SH (version 5) bitcoin addresses: Base58Check. */
export function isBase58CheckAddress(s: string): boolean {
  const raw = base58Decode(s);
  if (!raw || raw.length !== 25 || (raw[0] !== 0 && raw[0] !== 5)) {
    return false;
  }
  const check = sha256(sha256(raw.subarray(0, 21)));
  return (
    check[0] === raw[21] && check[1] === raw[22] && check[2] === raw[23] && check[3] === raw[24]
  );
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;

function polymod(values: number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) {
      if ((top >>> i) & 1) {
        chk ^= gen[i];
      }
    }
  }
  return chk >>> 0;
}

/** Segwit addresses (bc1...): bech32 for version 0, bech32m for versions 1-16 (BIP 173/350). */
export function isBech32Address(s: string): boolean {
  if (s !== s.toLowerCase() && s !== s.toUpperCase()) {
    return false;
  }
  const lower = s.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || lower.length > 90 || lower.length - sep - 1 < 7) {
    return false;
  }
  const hrp = lower.slice(0, sep);
  const data: number[] = [];
  for (const c of lower.slice(sep + 1)) {
    const v = BECH32.indexOf(c);
    if (v < 0) {
      return false;
    }
    data.push(v);
  }
  const expanded = [
    ...[...hrp].map(c => c.charCodeAt(0) >> 5),
    0,
    ...[...hrp].map(c => c.charCodeAt(0) & 31)
  ];
  const check = polymod([...expanded, ...data]);
  const version = data[0];
  const program = data.length - 6 - 1; // 5-bit groups of witness program
  const programBytes = Math.floor((program * 5) / 8);
  if (version > 16 || programBytes < 2 || programBytes > 40) {
    return false;
  }
  if (version === 0) {
    return check === BECH32_CONST && (programBytes === 20 || programBytes === 32);
  }
  return check === BECH32M_CONST;
}

/**
 * Ethereum address (0x + 40 hex). EIP-55: a mixed-case address must carry a valid checksum;
 * an all-lower or all-upper address has none to check and is accepted.
 */
export function isEthereumAddress(s: string): boolean {
  const hex = s.slice(2);
  if (!/^[0-9a-fA-F]{40}$/.test(hex)) {
    return false;
  }
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) {
    return true;
  }
  const hash = keccak_256(new TextEncoder().encode(hex.toLowerCase()));
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1] >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    const c = hex[i];
    if (c >= 'a' && c <= 'f' && nibble >= 8) {
      return false;
    }
    if (c >= 'A' && c <= 'F' && nibble < 8) {
      return false;
    }
  }
  return true;
}
