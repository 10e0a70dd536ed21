/**
 * A zstd frame made by hand: a raw block holding `head`, then RLE blocks of zeros, `zeros` bytes in all. Each RLE
 * block is 4 bytes for 128 KiB, so 10 GB of zeros is a 300 KB frame; the `zstd` CLI would take minutes to make it.
 */
export function zstdZerosFrame(head: Uint8Array, zeros: number): Buffer {
  const blockHeader = (size: number, type: number, last: boolean): Buffer => {
    const value = size * 8 + type * 2 + (last ? 1 : 0);
    return Buffer.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff]);
  };
  // magic, then a descriptor with no content size, dictionary or checksum, then a 128 KiB window
  const parts = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]), blockHeader(head.length, 0, false), Buffer.from(head)];
  const block = 128 * 1024;
  const rle = Buffer.concat([blockHeader(block, 1, false), Buffer.from([0])]);
  for (let left = zeros; left > 0; left -= block) parts.push(left <= block ? Buffer.concat([blockHeader(left, 1, true), Buffer.from([0])]) : rle);
  return Buffer.concat(parts);
}
