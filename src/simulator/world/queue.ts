interface Node<T> {
  value: T;
  prev: Node<T> | undefined;
  next: Node<T> | undefined;
}

/**
 * A FIFO with O(1) push at either end and O(1) removal of any member: a chat leaves the middle of a
 * queue when its visitor gives up, and goes back to the front when the agent it rang let it lapse.
 */
export class LinkedQueue<T> implements Iterable<T> {
  private head: Node<T> | undefined;
  private tail: Node<T> | undefined;
  private readonly nodes = new Map<T, Node<T>>();

  get size(): number {
    return this.nodes.size;
  }

  peek(): T | undefined {
    return this.head?.value;
  }

  has(value: T): boolean {
    return this.nodes.has(value);
  }

  pushBack(value: T): void {
    if (this.nodes.has(value)) return;
    const node: Node<T> = { value, prev: this.tail, next: undefined };
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    this.nodes.set(value, node);
  }

  pushFront(value: T): void {
    if (this.nodes.has(value)) return;
    const node: Node<T> = { value, prev: undefined, next: this.head };
    if (this.head) this.head.prev = node;
    else this.tail = node;
    this.head = node;
    this.nodes.set(value, node);
  }

  remove(value: T): boolean {
    const node = this.nodes.get(value);
    if (!node) return false;
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    this.nodes.delete(value);
    return true;
  }

  /** Oldest first; removing the value just yielded while iterating is safe. */
  *[Symbol.iterator](): Iterator<T> {
    let node = this.head;
    while (node) {
      const next = node.next;
      yield node.value;
      node = next;
    }
  }
}
