/** Copies the methods of `source` (a class) onto `target` (a class prototype). */
export function mixMethods(target: object, source: { prototype: object }): void {
  for (const name of Object.getOwnPropertyNames(source.prototype)) {
    if (name === 'constructor') continue;
    Object.defineProperty(target, name, Object.getOwnPropertyDescriptor(source.prototype, name)!);
  }
}
