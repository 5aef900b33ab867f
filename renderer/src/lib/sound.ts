/** A short beep through WebAudio (fill and alert sounds). */
let context: AudioContext | null = null;
/** When the last beep of each pitch started and how long it sounds, in the context's seconds. */
const last = new Map<number, { start: number; length: number }>();

/**
 * Plays a beep; silently does nothing where WebAudio is missing. A beep asked for
 * while one of the same pitch still sounds, or in the pause as long as it after it,
 * is skipped: a burst of fills (a frame can toast five, and a stream brings a frame
 * of them many times a second) gives a beep now and then, not beeps stacked into a
 * loud buzz. Another pitch (an alert's among fills') always sounds.
 */
export function beep(frequency = 880, durationMs = 120): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  const t = context.currentTime;
  const previous = last.get(frequency);
  if (previous && t < previous.start + 2 * previous.length) return;
  last.set(frequency, { start: t, length: durationMs / 1000 });
  const osc = context.createOscillator();
  const gain = context.createGain();
  osc.frequency.value = frequency;
  gain.gain.value = 0.08;
  osc.connect(gain).connect(context.destination);
  gain.gain.setTargetAtTime(0, t + durationMs / 1000 - 0.03, 0.01);
  osc.start(t);
  osc.stop(t + durationMs / 1000);
}
