/** A short beep through WebAudio (fill notification sound). */
let context: AudioContext | null = null;

/** Plays a beep; silently does nothing where WebAudio is missing. */
export function beep(frequency = 880, durationMs = 120): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  const osc = context.createOscillator();
  const gain = context.createGain();
  osc.frequency.value = frequency;
  gain.gain.value = 0.08;
  osc.connect(gain).connect(context.destination);
  const t = context.currentTime;
  gain.gain.setTargetAtTime(0, t + durationMs / 1000 - 0.03, 0.01);
  osc.start(t);
  osc.stop(t + durationMs / 1000);
}
