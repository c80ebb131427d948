import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { allowanceOf, appendEntries, balancesOf, lockPeople, periodOf, resetsAt, spend } from './ledger.js';
import { saveRecognitionSettings } from './recognition.settings.js';

describe('allowance months', () => {
  it('names the UTC month of an instant and when its allowance resets', () => {
    expect(periodOf(new Date('2026-03-31T23:59:59.999Z'))).toBe('2026-03');
    expect(periodOf(new Date('2026-04-01T00:00:00.000Z'))).toBe('2026-04');
    expect(resetsAt('2026-03').toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(resetsAt('2026-12').toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('resets after every instant of the month, at the first instant of the next one', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }), (at) => {
        const period = periodOf(at);
        const reset = resetsAt(period);
        expect(reset.getTime()).toBeGreaterThan(at.getTime());
        expect(periodOf(new Date(reset.getTime() - 1))).toBe(period);
        expect(periodOf(reset)).not.toBe(period);
        expect(reset.getUTCDate()).toBe(1);
      }),
    );
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

async function rule(org: TestOrg, r: { role?: string; userId?: string; amount: number }) {
  await db()
    .insertInto('allowanceRules')
    .values({ id: newId(), orgId: org.orgId, role: r.role ?? null, userId: r.userId ?? null, amount: r.amount })
    .execute();
}

const codeOf = async (work: Promise<unknown>) => {
  try {
    await work;
    return 'OK';
  } catch (err) {
    return err instanceof AppError ? `${err.status} ${err.code}` : String(err);
  }
};

describe('the ledger', () => {
  it('sizes each allowance: the person’s rule, else the largest of their roles’ rules, else the company default', async () => {
    const org = await createOrg(t);
    const plain = await org.person();
    const manager = await org.person({ roles: ['manager'] });
    const managerHr = await org.person({ roles: ['manager', 'hr'] });
    const own = await org.person({ roles: ['manager'] });
    const ownZero = await org.person();
    await saveRecognitionSettings(db(), org.orgId, { defaultAllowance: 120 });
    await rule(org, { role: 'manager', amount: 300 });
    await rule(org, { role: 'hr', amount: 200 });
    await rule(org, { userId: own.id, amount: 40 });
    await rule(org, { userId: ownZero.id, amount: 0 });
    const sizes = await allowanceOf(db(), org.orgId, [plain.id, manager.id, managerHr.id, own.id, ownZero.id, newId()]);
    expect(Object.fromEntries(sizes)).toEqual({
      [plain.id]: 120,
      [manager.id]: 300,
      [managerHr.id]: 300,
      [own.id]: 40,
      [ownZero.id]: 0,
    });
  });

  it('sums balances from entries, each allowance month on its own, received points for ever', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    await db()
      .transaction()
      .execute((trx) =>
        appendEntries(trx, [
          { orgId: org.orgId, userId: ann.id, account: 'allowance', delta: -30, period: '2026-01', reason: 'kudos_given' },
          { orgId: org.orgId, userId: ann.id, account: 'allowance', delta: -20, period: '2026-02', reason: 'kudos_given' },
          { orgId: org.orgId, userId: ann.id, account: 'received', delta: 15, period: null, reason: 'kudos_received' },
          { orgId: org.orgId, userId: ann.id, account: 'received', delta: -5, period: null, reason: 'redemption' },
          { orgId: org.orgId, userId: bob.id, account: 'received', delta: 30, period: null, reason: 'kudos_received' },
        ]),
      );
    const jan = (await balancesOf(db(), org.orgId, [ann.id, bob.id], '2026-01')).get(ann.id)!;
    expect(jan).toEqual({
      allowance: { total: 100, given: 30, remaining: 70, period: '2026-01', resetsAt: new Date('2026-02-01T00:00:00Z') },
      received: 10,
    });
    expect((await balancesOf(db(), org.orgId, [ann.id], '2026-02')).get(ann.id)!.allowance).toMatchObject({ given: 20, remaining: 80 });
    expect((await balancesOf(db(), org.orgId, [ann.id], '2026-03')).get(ann.id)!.allowance).toMatchObject({ given: 0, remaining: 100 });
    expect((await balancesOf(db(), org.orgId, [bob.id], '2026-03')).get(bob.id)!).toMatchObject({ received: 30 });
  });

  it('spends only what a balance covers, from the month asked', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const spendIn = (account: 'allowance' | 'received', amount: number, period?: string) =>
      codeOf(
        db()
          .transaction()
          .execute(async (trx) => {
            await lockPeople(trx, org.orgId, [ann.id]);
            await spend(
              trx,
              org.orgId,
              ann.id,
              account,
              amount,
              { reason: account === 'allowance' ? 'kudos_given' : 'redemption' },
              period,
            );
          }),
      );
    expect(await spendIn('allowance', 101)).toBe('422 INSUFFICIENT_ALLOWANCE');
    expect(await spendIn('allowance', 60)).toBe('OK');
    expect(await spendIn('allowance', 41)).toBe('422 INSUFFICIENT_ALLOWANCE');
    expect(await spendIn('allowance', 40)).toBe('OK');
    expect(await spendIn('allowance', 1)).toBe('422 INSUFFICIENT_ALLOWANCE');
    // Nothing spent is nothing written.
    expect(await spendIn('allowance', 0)).toBe('OK');
    // Another month has its own allowance.
    expect(await spendIn('allowance', 100, '2020-01')).toBe('OK');
    expect(await spendIn('received', 1)).toBe('422 INSUFFICIENT_POINTS');
    const b = (await balancesOf(db(), org.orgId, [ann.id])).get(ann.id)!;
    expect(b.allowance).toMatchObject({ given: 100, remaining: 0 });
    expect((await balancesOf(db(), org.orgId, [ann.id], '2020-01')).get(ann.id)!.allowance.remaining).toBe(0);
    const rows = await db().selectFrom('pointsLedger').select(['delta', 'period']).where('userId', '=', ann.id).orderBy('id').execute();
    expect(rows).toEqual([
      { delta: -60, period: periodOf() },
      { delta: -40, period: periodOf() },
      { delta: -100, period: '2020-01' },
    ]);
  });

  it('locks only existing, active people of the organisation', async () => {
    const org = await createOrg(t);
    const other = await createOrg(t);
    const ann = await org.person();
    const gone = await org.person();
    const stranger = await other.person();
    await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', gone.id).execute();
    const locked = await db()
      .transaction()
      .execute((trx) => lockPeople(trx, org.orgId, [ann.id, gone.id, stranger.id, ann.id, newId()]));
    expect([...locked]).toEqual([ann.id]);
    expect(
      await db()
        .transaction()
        .execute((trx) => lockPeople(trx, org.orgId, [])),
    ).toEqual(new Set());
  });

  it('never lets any sequence of spending take a balance below zero', async () => {
    const org = await createOrg(t);
    await saveRecognitionSettings(db(), org.orgId, { defaultAllowance: 50 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 8 }), async (amounts) => {
        const person = await org.person();
        let expected = 0;
        for (const amount of amounts) {
          const outcome = await codeOf(
            db()
              .transaction()
              .execute(async (trx) => {
                await lockPeople(trx, org.orgId, [person.id]);
                await spend(trx, org.orgId, person.id, 'allowance', amount, { reason: 'kudos_given' });
              }),
          );
          expect(outcome).toBe(expected + amount <= 50 ? 'OK' : '422 INSUFFICIENT_ALLOWANCE');
          if (outcome === 'OK') {
            expected += amount;
          }
        }
        const b = (await balancesOf(db(), org.orgId, [person.id])).get(person.id)!;
        expect(b.allowance.given).toBe(expected);
        expect(b.allowance.remaining).toBe(50 - expected);
        expect(b.allowance.remaining).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
