/** Request counters for benchmarks: plain increments, nothing per-request beyond two map updates. */
export class RequestStats {
  total = 0;
  control = 0;
  private byOperation = new Map<string, number>();
  private byStatus = new Map<string, number>();

  count(operation: string, control: boolean): void {
    if (control) this.control += 1;
    else this.total += 1;
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
  }

  status(status: number | 'dropped'): void {
    const key = String(status);
    this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
  }

  snapshot(): { total: number; control: number; byOperation: Record<string, number>; byStatus: Record<string, number> } {
    return {
      total: this.total,
      control: this.control,
      byOperation: Object.fromEntries(this.byOperation),
      byStatus: Object.fromEntries(this.byStatus),
    };
  }

  reset(): void {
    this.total = 0;
    this.control = 0;
    this.byOperation.clear();
    this.byStatus.clear();
  }
}
