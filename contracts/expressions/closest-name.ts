/** Edit distance (insertions, deletions, substitutions) between two short names, in one reused row. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Names this short match inside longer ones too often to be a useful hint. */
const MIN_CONTAINED_LENGTH = 3;

/**
 * The candidate closest to a misspelled name, for "did you mean" hints: case-insensitive, either
 * at most a third of the name's length apart (at least 2 edits allowed) or one name containing
 * the other (`created` and `created_at`); the fewest edits win, ties going to the first candidate.
 * Returns `undefined` when nothing is that close.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const distance = editDistance(wanted, other);
    const contained = Math.min(wanted.length, other.length) >= MIN_CONTAINED_LENGTH && (other.includes(wanted) || wanted.includes(other));
    if ((distance <= limit || contained) && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** What to tell someone who named a field the schema lacks, with the closest known name when one is close. */
export function unknownFieldAdvice(name: string, known: Iterable<string>): { readonly advice: string; readonly suggestion?: string } {
  const suggestion = closestName(name, known);
  return suggestion !== undefined
    ? { advice: `did you mean '${suggestion}'? Otherwise add '${name}' to the record schema`, suggestion }
    : { advice: `use a field of the record schema, or add '${name}' to it` };
}
