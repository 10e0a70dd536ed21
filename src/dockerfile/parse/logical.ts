/**
 * An instruction's text with line continuations joined, as BuildKit dispatches it, plus the map from
 * each of its offsets back to the file. Each segment is a run of characters copied from one line; most
 * instructions have one, so the first is kept in fields and only further ones go to arrays.
 */
export class LogicalLine {
  text = '';
  private firstFileStart = 0;
  private readonly logicalStarts: number[] = [];
  private readonly fileStarts: number[] = [];

  append(piece: string, fileOffset: number): void {
    if (piece.length === 0) return;
    if (this.text.length === 0) this.firstFileStart = fileOffset;
    else {
      if (this.logicalStarts.length === 0) {
        this.logicalStarts.push(0);
        this.fileStarts.push(this.firstFileStart);
      }
      this.logicalStarts.push(this.text.length);
      this.fileStarts.push(fileOffset);
    }
    this.text += piece;
  }

  /** The file offset of a logical offset; the end of the text maps just past its last character. */
  toFile(offset: number): number {
    const starts = this.logicalStarts;
    if (starts.length === 0) return this.firstFileStart + Math.min(offset, this.text.length);
    if (offset >= this.text.length) {
      const last = starts.length - 1;
      return this.fileStarts[last]! + (this.text.length - starts[last]!);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return this.fileStarts[low]! + (offset - starts[low]!);
  }

  /** A half-open logical range as a file span: the end maps from its last character, not past a continuation. */
  spanToFile(start: number, end: number): { start: number; end: number } {
    const fileStart = this.toFile(start);
    return { start: fileStart, end: end > start ? this.toFile(end - 1) + 1 : fileStart };
  }
}
