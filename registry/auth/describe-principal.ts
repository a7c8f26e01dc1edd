/**
 * How a principal is named to people, in refusals and listings: its name when it is known,
 * otherwise its id. Every message that names a principal goes through here, so how principals
 * are shown is decided in one place.
 */
export function describePrincipal(id: string, principal?: { readonly name: string }): string {
  return principal === undefined ? `principal ${id}` : `principal ${principal.name}`;
}
