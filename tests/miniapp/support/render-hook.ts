/**
 * A tiny renderHook on react-test-renderer, using the miniapp's own React 18 (the repository root
 * may hold another React for unrelated tools; hooks must run on the React the app bundles).
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const miniapp = resolve(__dirname, '..', '..', '..', 'miniapp');
const load = createRequire(join(miniapp, 'package.json'));
const React = load('react') as typeof import('react');
const TestRenderer = load('react-test-renderer') as {
  create(el: unknown): { unmount(): void; update(el: unknown): void };
  act(fn: () => unknown): Promise<void> | void;
};

// Tell React this is a test environment that wraps updates in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export { React };
export const miniappDir = miniapp;
export const reactDir = dirname(load.resolve('react/package.json'));

export function renderHook<P, R>(hook: (props: P) => R, initialProps: P) {
  const result: { current: R } = { current: undefined as R };
  function Probe({ props }: { props: P }) {
    result.current = hook(props);
    return null;
  }
  let renderer!: { unmount(): void; update(el: unknown): void };
  TestRenderer.act(() => {
    renderer = TestRenderer.create(React.createElement(Probe, { props: initialProps }));
  });
  return {
    result,
    rerender: (props: P) => TestRenderer.act(() => renderer.update(React.createElement(Probe, { props }))),
    unmount: () => TestRenderer.act(() => renderer.unmount()),
  };
}

/** Runs fn inside act() and lets pending promises settle. */
export async function act(fn: () => unknown = () => undefined): Promise<void> {
  await TestRenderer.act(async () => {
    fn();
    await new Promise((r) => setTimeout(r, 0));
  });
}

/** act() without waiting on timers, for tests that fake them. */
export function actNow(fn: () => unknown): void {
  void TestRenderer.act(() => {
    fn();
  });
}
