/**
 * Register-index bits of the distinct-count sketch: 2^12 one-byte registers (4 KiB per field)
 * give a standard error of 1.04/sqrt(4096) = 1.6%, plenty to see a field's cardinality change,
 * and a thousand profiled fields stay within a few megabytes.
 */
export const HLL_PRECISION = 12;

const REGISTERS = 1 << HLL_PRECISION;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

/** A HyperLogLog counter over 32-bit hashes (Flajolet et al., with linear counting for small sets). */
export class HyperLogLog {
  private readonly registers = new Uint8Array(REGISTERS);

  add(hash: number): void {
    const index = hash >>> (32 - HLL_PRECISION);
    // Position of the first 1 bit in the remaining bits; the sentinel bit caps it when they are all zero.
    const rank = Math.clz32((hash << HLL_PRECISION) | (1 << (HLL_PRECISION - 1))) + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  /** Estimated number of distinct hashes added. */
  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < REGISTERS; i += 1) {
      const register = this.registers[i]!;
      sum += 2 ** -register;
      if (register === 0) zeros += 1;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    if (raw <= 2.5 * REGISTERS && zeros > 0) return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    return Math.round(raw);
  }
}
