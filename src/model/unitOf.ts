/** The unit of one member's value: its entry in `units`, else the declaration's `unit`. */
export function unitOf(
  def: { readonly unit: string; readonly units?: Readonly<Record<string, string>> | undefined },
  member?: string,
): string {
  return (member !== undefined ? def.units?.[member] : undefined) ?? def.unit;
}
