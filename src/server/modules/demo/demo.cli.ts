import type { DemoResult } from './demo.service.js';

/** Tells the person at the terminal where to go and how to sign in. */
export function printDemo(result: DemoResult, publicUrl: string): void {
  console.log('');
  console.log(result.message);
  if (result.signIns.length === 0) {
    return;
  }
  console.log(`Open ${publicUrl} and sign in as one of these people:`);
  console.log('');
  const rows = [['E-mail', 'Role', 'Password'], ...result.signIns.map((s) => [s.email, s.label, s.password])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `  ${r.map((cell, c) => cell.padEnd(widths[c]!)).join('   ')}`.trimEnd();
  console.log(line(rows[0]!));
  console.log(`  ${widths.map((w) => '-'.repeat(w)).join('   ')}`);
  for (const r of rows.slice(1)) {
    console.log(line(r));
  }
  console.log('');
}
