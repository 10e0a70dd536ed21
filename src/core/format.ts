/** Bytes in SI units, as `docker images` prints sizes: `41.3 MB`, `999 B`, `1.07 GB`. */
export function formatBytesSI(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${units[unit]}`;
}

/** Bytes in binary units, exact, as size limits are stated: `4 MiB`, `512 KiB`, `100 bytes`. */
export function formatBytesBinary(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * A build context's size before and after a change, `context 2.20 MB -> 1.10 MB`; when both round to the same figure
 * the bytes saved are said instead (`context 426 kB, 212 B less`), never "426 kB -> 426 kB".
 */
export function contextChange(beforeBytes: number, afterBytes: number): string {
  const before = formatBytesSI(beforeBytes);
  const after = formatBytesSI(afterBytes);
  if (before !== after) return `context ${before} -> ${after}`;
  const saved = beforeBytes - afterBytes;
  return saved > 0 ? `context ${before}, ${formatBytesSI(saved)} less` : `context ${before}, no smaller`;
}
