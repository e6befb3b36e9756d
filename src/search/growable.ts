/** Append-only typed arrays that double when full: postings are built without boxed JS arrays. */
export class GrowableUint32 {
  array: Uint32Array;
  length = 0;

  /** `capacity`: values held before the first doubling. */
  constructor(capacity = 1024) {
    this.array = new Uint32Array(Math.max(capacity, 1));
  }

  push(value: number): void {
    if (this.length === this.array.length) {
      const next = new Uint32Array(this.array.length * 2);
      next.set(this.array);
      this.array = next;
    }
    this.array[this.length++] = value;
  }

  /** The filled part, copied into an array of exactly that length. */
  toArray(): Uint32Array {
    return this.array.slice(0, this.length);
  }
}
