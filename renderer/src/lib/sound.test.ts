import { afterEach, describe, expect, it, vi } from 'vitest';

/** A WebAudio stand-in: a clock the test moves and the oscillators started. */
class FakeAudioContext {
  static now = 0;
  static started: { at: number; frequency: number }[] = [];
  readonly destination = {};
  get currentTime(): number {
    return FakeAudioContext.now;
  }
  createOscillator() {
    const osc = {
      frequency: { value: 0 },
      connect: (node: unknown) => node,
      start: (at: number) => FakeAudioContext.started.push({ at, frequency: osc.frequency.value }),
      stop: () => undefined,
    };
    return osc;
  }
  createGain() {
    return {
      gain: { value: 0, setTargetAtTime: () => undefined },
      connect: (node: unknown) => node,
    };
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  FakeAudioContext.now = 0;
  FakeAudioContext.started = [];
});

describe('beep', () => {
  it('plays one beep for a burst, and the next only after a pause as long as the beep', async () => {
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const { beep } = await import('./sound');
    FakeAudioContext.now = 10;
    // Five toasts of one frame.
    for (let i = 0; i < 5; i++) beep();
    expect(FakeAudioContext.started).toEqual([{ at: 10, frequency: 880 }]);
    // The next frames of a stream, while it sounds and in the pause after it.
    FakeAudioContext.now = 10.1;
    beep();
    FakeAudioContext.now = 10.2;
    beep();
    expect(FakeAudioContext.started).toHaveLength(1);
    FakeAudioContext.now = 10.25;
    beep();
    expect(FakeAudioContext.started.map((s) => s.at)).toEqual([10, 10.25]);
  });

  it('sounds an alert among the fills’ beeps, and spaces alerts by their own length', async () => {
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const { beep } = await import('./sound');
    FakeAudioContext.now = 10;
    beep();
    FakeAudioContext.now = 10.05;
    beep(660, 300);
    FakeAudioContext.now = 10.5;
    beep(660, 300);
    FakeAudioContext.now = 10.7;
    beep(660, 300);
    expect(FakeAudioContext.started).toEqual([
      { at: 10, frequency: 880 },
      { at: 10.05, frequency: 660 },
      { at: 10.7, frequency: 660 },
    ]);
  });

  it('does nothing where the page has no WebAudio', async () => {
    const { beep } = await import('./sound');
    expect(() => beep()).not.toThrow();
  });
});
