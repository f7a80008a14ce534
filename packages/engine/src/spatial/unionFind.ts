/**
 * Disjoint sets over 0..n-1 (union–find with path halving, Tarjan 1975, "Efficiency of a good
 * but not linear set union algorithm", JACM 22(2)). The smaller index always becomes the root,
 * so labels come out in the order of each set's lowest member.
 */
export class UnionFind {
  private readonly parent: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  /** Set label of every element, numbered 0, 1, ... by lowest member, and the number of sets. */
  labels(): { count: number; labels: Int32Array } {
    const n = this.parent.length;
    const labels = new Int32Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const root = this.find(i);
      labels[i] = root === i ? count++ : labels[root]!;
    }
    return { count, labels };
  }
}
