// md5/sha1/sha256 as lowercase hex. Synchronous, so it runs in a Web Worker loop:
// WebCrypto's digest is async and has no md5, and Node's crypto is not in browsers.
import { md5, sha1 } from '@noble/hashes/legacy';
import { sha256 } from '@noble/hashes/sha2';
import { hexString } from './text';

export interface IHashes {
  md5: string;
  sha1: string;
  sha256: string;
}

export function hashes(bytes: Uint8Array): IHashes {
  return {
    md5: hexString(md5(bytes)),
    sha1: hexString(sha1(bytes)),
    sha256: hexString(sha256(bytes))
  };
}
