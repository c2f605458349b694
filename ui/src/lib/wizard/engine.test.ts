// The engine alone, over two pages that only record what they are asked: what a second wizard
// (the workstream wizard) gets without any of the account wizard's pages.
import { describe, expect, it } from 'vitest';
import { WizardEngine, type WizardPage } from './engine.svelte';
import { Problems } from './problems.svelte';

type Step = 'first' | 'second';
type Draft = { id: string; step: Step };

class FakePage implements WizardPage<Draft> {
  readonly problems = new Problems(['field']);
  unsaved = false;
  completes = true;
  saves = true;
  entered = 0;
  filled: Draft | null = null;
  resets = 0;
  completed = 0;
  complete = async () => {
    this.completed++;
    return this.completes;
  };
  saveBeforeLeave = async () => this.saves;
  enter = async () => void this.entered++;
  fill = (d: Draft) => void (this.filled = d);
  reset = () => void this.resets++;
}

function wizard() {
  const engine = new WizardEngine<Step, Draft>([
    { id: 'first', title: () => 'First' },
    { id: 'second', title: () => 'Second' },
  ]);
  const pages = { first: new FakePage(), second: new FakePage() };
  engine.attach(pages);
  return { engine, pages };
}

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the wizard engine', () => {
  it('starts on the first step, and opens the others only once there is a draft', () => {
    const { engine } = wizard();
    expect(engine.step).toBe('first');
    expect(engine.isFirst).toBe(true);
    expect(engine.canVisit('second')).toBe(false);
    engine.draft = { id: 'd', step: 'first' };
    expect(engine.canVisit('second')).toBe(true);
  });

  it('moves on only when the open page completes, and enters the next one', async () => {
    const { engine, pages } = wizard();
    pages.first.completes = false;
    expect(await engine.next()).toBe(false);
    expect(engine.step).toBe('first');

    pages.first.completes = true;
    engine.draft = { id: 'd', step: 'first' };
    expect(await engine.next()).toBe(true);
    expect(engine.step).toBe('second');
    expect(pages.second.entered).toBe(1);
    expect(engine.isLast).toBe(true);
    expect(await engine.next()).toBe(false);

    await engine.back();
    expect(engine.step).toBe('first');
  });

  it('finishes only on the last page, through its complete', async () => {
    const { engine, pages } = wizard();
    expect(await engine.finish()).toBe(false);
    engine.draft = { id: 'd', step: 'second' };
    await engine.goTo('second');
    pages.second.completes = false;
    expect(await engine.finish()).toBe(false);
    pages.second.completes = true;
    expect(await engine.finish()).toBe(true);
  });

  it('a Finish while a check runs waits for it, and a second Finish is ignored', async () => {
    const { engine, pages } = wizard();
    engine.draft = { id: 'd', step: 'second' };
    await engine.goTo('second');
    const check = deferred<undefined>();
    const running = engine.hold(() => check.promise);
    const finishing = engine.finish();
    expect(await engine.finish()).toBe(false);
    check.resolve(undefined);
    await running;
    expect(await finishing).toBe(true);
    expect(pages.second.completed).toBe(1);
  });

  it('asks the open page to save before leaving, and says what it holds unsaved', async () => {
    const { engine, pages } = wizard();
    pages.first.saves = false;
    pages.first.unsaved = true;
    expect(engine.unsaved).toBe(true);
    expect(await engine.saveBeforeLeave()).toBe(false);
    pages.first.saves = true;
    expect(await engine.saveBeforeLeave()).toBe(true);
  });

  it('opens a draft on the page chosen for it, with every page filled', async () => {
    const { engine, pages } = wizard();
    const draft: Draft = { id: 'd', step: 'second' };
    expect(await engine.open(async () => draft, (d) => d.step, () => {})).toBe(true);
    expect(engine.step).toBe('second');
    expect(pages.first.filled).toBe(draft);
    expect(pages.second.filled).toBe(draft);
  });

  it('is busy while a save runs, and whenIdle waits for it', async () => {
    const { engine } = wizard();
    const saving = deferred<string>();
    const call = engine.call(() => saving.promise, () => {});
    expect(engine.busy).toBe(true);
    expect(await engine.saveBeforeLeave()).toBe(false);
    let idle = false;
    const waiting = engine.whenIdle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    saving.resolve('saved');
    expect(await call).toBe('saved');
    await waiting;
    expect(engine.busy).toBe(false);
  });

  it('drops an answer that comes back after a reset, and touches nothing', async () => {
    const { engine, pages } = wizard();
    const opening = deferred<Draft>();
    let failed = false;
    const open = engine.open(() => opening.promise, (d) => d.step, () => (failed = true));
    engine.reset();
    expect(engine.busy).toBe(false);
    expect(pages.first.resets).toBe(2);
    opening.resolve({ id: 'late', step: 'second' });
    expect(await open).toBe(false);
    expect(engine.draft).toBeNull();
    expect(engine.step).toBe('first');
    expect(failed).toBe(false);
  });

  it('shows why a call failed through the caller, unless a reset came first', async () => {
    const { engine } = wizard();
    const seen: unknown[] = [];
    expect(await engine.call(() => Promise.reject(new Error('no')), (e) => seen.push(e))).toBeNull();
    expect(seen).toHaveLength(1);
  });
});
