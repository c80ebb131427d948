import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCompany, MIN_DEMO_SIZE, type DemoCompany } from './generate.js';

/** The reporting line's rules; collects every break so one failing person does not hide the others. */
function checkTree(c: DemoCompany) {
  const problems: string[] = [];
  const reports = new Map<number, number>();
  let roots = 0;
  c.people.forEach((p, i) => {
    if (p.managerIndex === null) {
      roots += 1;
    } else if (!(p.managerIndex >= 0 && p.managerIndex < i)) {
      // A manager always comes before their reports, so following managers can never loop.
      problems.push(`${i} reports to ${p.managerIndex}`);
    } else {
      reports.set(p.managerIndex, (reports.get(p.managerIndex) ?? 0) + 1);
    }
  });
  for (const [manager, n] of reports) {
    if (n < 3 || n > 10 || !c.people[manager]!.roles.includes('manager')) {
      problems.push(`${c.people[manager]!.title} (${manager}) has ${n} reports`);
    }
  }
  expect(roots).toBe(1);
  expect(problems).toEqual([]);
}

describe('generateCompany', () => {
  it('gives the same company for the same seed and size, and another one for another seed', () => {
    const a = generateCompany({ size: 400, seed: 7 });
    expect(generateCompany({ size: 400, seed: 7 })).toEqual(a);
    expect(generateCompany({ size: 400, seed: 8 }).people.map((p) => p.name)).not.toEqual(a.people.map((p) => p.name));
  });

  it('has exactly the requested number of people, with unique e-mail addresses', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DEMO_SIZE, max: 3000 }), fc.integer(), (size, seed) => {
        const c = generateCompany({ size, seed });
        expect(c.people).toHaveLength(size);
        const emails = c.people.map((p) => p.email.toLowerCase());
        expect(new Set(emails).size).toBe(size);
        for (const e of emails) {
          expect(e).toMatch(/^[a-z]+\.[a-z]+\d*@fabbrica-aurora\.example$/);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('has one chief executive at the top, no cycles, and spans of control between 3 and 10', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DEMO_SIZE, max: 3000 }), fc.integer(), (size, seed) => {
        checkTree(generateCompany({ size, seed }));
      }),
      { numRuns: 40 },
    );
    checkTree(generateCompany({ size: 100_000, seed: 1 }));
  });

  it('only refers to departments, teams and locations it defines', () => {
    const c = generateCompany({ size: 800, seed: 3 });
    const departments = new Set(c.departments.map((d) => d.key));
    const teams = new Map(c.teams.map((t) => [t.key, t]));
    const locations = new Map(c.locations.map((l) => [l.key, l]));
    for (const d of c.departments) {
      expect(d.parentKey === null || departments.has(d.parentKey)).toBe(true);
    }
    for (const p of c.people) {
      expect(departments.has(p.departmentKey)).toBe(true);
      if (p.teamKey) {
        expect(teams.get(p.teamKey)?.departmentKey).toBe(p.departmentKey);
      }
      const location = locations.get(p.locationKey)!;
      expect(p.timezone).toBe(location.timezone);
      if (p.locale === 'it') {
        expect(p.languages).toContain('Italian');
      }
    }
    expect(new Set(c.teams.map((t) => t.name.toLowerCase())).size).toBe(c.teams.length);
  });

  it('speaks Italian in the Italian offices and English in the British ones', () => {
    const c = generateCompany({ size: 2000, seed: 5 });
    const country = new Map(c.locations.map((l) => [l.key, l.country]));
    const it = c.people.filter((p) => country.get(p.locationKey) === 'IT');
    const gb = c.people.filter((p) => country.get(p.locationKey) === 'GB');
    expect(it.filter((p) => p.languages.includes('Italian')).length / it.length).toBeGreaterThan(0.9);
    expect(gb.filter((p) => p.languages.includes('English')).length / gb.length).toBeGreaterThan(0.95);
    expect(it.some((p) => p.locale === 'it') && gb.every((p) => p.locale === 'en')).toBe(true);
  });

  it('names the five demo sign-ins and gives them the right roles', () => {
    for (const size of [MIN_DEMO_SIZE, 300, 5000]) {
      const c = generateCompany({ size, seed: 1 });
      const by = Object.fromEntries(c.signIns.map((s) => [s.role, c.people[s.index]!]));
      expect(new Set(c.signIns.map((s) => s.index)).size).toBe(5);
      expect(by.administrator!.email).toBe('elena.marchetti@fabbrica-aurora.example');
      expect(by.administrator!.roles).toContain('admin');
      expect(by.hr!.roles).toContain('hr');
      expect(by.manager!.roles).toContain('manager');
      expect(by['employee-en']!.roles).toEqual(['employee']);
      expect(by['employee-en']!.locale).toBe('en');
      expect(by['employee-it']!.roles).toEqual(['employee']);
      expect(by['employee-it']!.locale).toBe('it');
    }
  });

  it('refuses sizes it cannot staff', () => {
    expect(() => generateCompany({ size: MIN_DEMO_SIZE - 1 })).toThrow(RangeError);
    expect(() => generateCompany({ size: 12.5 })).toThrow(RangeError);
  });
});
