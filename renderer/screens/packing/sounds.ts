/**
 * The station's two sounds, synthesised with WebAudio (no files to ship or load): a short high beep for a good scan,
 * a low double buzz for a refused one, so the clerk hears the verdict without looking up.
 */
let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  try {
    ctx ??= new AudioContext();
    // Browsers start audio suspended until a user gesture; a key press is one, so this resumes on the first scan.
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    return ctx;
  } catch {
    return null;
  }
}

function tone(ac: AudioContext, at: number, hz: number, seconds: number, type: OscillatorType, volume: number) {
  const osc = ac.createOscillator();
  const gain = ac.createGain();
  osc.type = type;
  osc.frequency.value = hz;
  gain.gain.setValueAtTime(volume, at);
  // A short fade avoids the click of a hard stop.
  gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
  osc.connect(gain).connect(ac.destination);
  osc.start(at);
  osc.stop(at + seconds + 0.02);
}

export function playVerdict(kind: 'ok' | 'error'): void {
  const ac = audio();
  if (!ac) return;
  const t = ac.currentTime;
  if (kind === 'ok') {
    tone(ac, t, 1760, 0.09, 'sine', 0.25);
  } else {
    tone(ac, t, 196, 0.18, 'square', 0.2);
    tone(ac, t + 0.24, 164, 0.28, 'square', 0.2);
  }
}
