/**
 * Freezes a tree of plain objects and arrays, without recursion (a deep schema cannot overflow
 * the stack). Subtrees already frozen are not walked again. Returns `value`.
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || Object.isFrozen(node)) continue;
    Object.freeze(node);
    for (const child of Object.values(node)) stack.push(child);
  }
  return value;
}
