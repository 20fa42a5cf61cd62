/**
 * Puts running shadow experiments on live cameras and takes them off again. Every few seconds
 * (and when told, after experiments:start/stop) it matches each running camera with at most one
 * running shadow experiment — one that names the camera, or names none and whose baseline is what
 * the camera counts with now — and taps the camera's frames for it (LiveShadow). A camera whose
 * model changed, or an experiment that stopped, loses its tap; what was measured is stored first.
 */
import type { CameraManager } from '../cameras/camera-manager';
import type { CameraRuntime } from '../cameras/camera-runtime';
import type { Logger } from '../log';
import { loadVerifiedDetector } from '../registry/model-loader';
import type { RegistryContext } from '../registry/registry-context';
import { LiveShadow } from './live-shadow';

export interface LiveShadowSupervisorOptions {
  ctx: RegistryContext;
  cameras: CameraManager;
  log: Logger;
  /** How often running experiments are matched with cameras (default 5 s). */
  pollMs?: number;
}

interface Candidate {
  experimentId: string;
}

export class LiveShadowSupervisor {
  private readonly taps = new Map<string, LiveShadow>();
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly o: LiveShadowSupervisorOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sync(), this.o.pollMs ?? 5000);
    this.timer.unref();
    void this.sync();
  }

  /** The shadow running on a camera now (tests and the health page read its figures). */
  shadowOf(cameraId: string): LiveShadow | undefined {
    return this.taps.get(cameraId);
  }

  /** Matches experiments and cameras now; concurrent calls share one pass. */
  sync(): Promise<void> {
    this.syncing ??= this.syncNow().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private wanted(rt: CameraRuntime): Candidate | undefined {
    const ab = this.o.ctx.repos.abExperiments;
    const model = rt.currentModel;
    if (!model) return undefined;
    for (const e of ab.listExperiments('running')) {
      const d = ab.getDesign(e.experimentId);
      if (!d || d.mode !== 'shadow') continue;
      const named = Array.isArray(d.cameraIds) ? d.cameraIds.includes(rt.cameraId) : null;
      const servesBaseline = model.modelId === e.baselineModelId && model.versionNumber === d.baselineVersion;
      if (named === true || (named === null && servesBaseline)) return { experimentId: e.experimentId };
    }
    return undefined;
  }

  private async syncNow(): Promise<void> {
    if (this.closed) return;
    const running = new Map(this.o.cameras.running.map((rt) => [rt.cameraId, rt]));
    for (const [cameraId, shadow] of [...this.taps]) {
      const rt = running.get(cameraId);
      if (!rt || this.wanted(rt)?.experimentId !== shadow.experimentId) await this.detach(cameraId, rt);
    }
    for (const rt of running.values()) {
      if (this.taps.has(rt.cameraId) || rt.state.state !== 'live') continue;
      const want = this.wanted(rt);
      if (want) await this.attach(rt, want.experimentId);
    }
  }

  private async attach(rt: CameraRuntime, experimentId: string): Promise<void> {
    const ab = this.o.ctx.repos.abExperiments;
    const experiment = ab.getExperiment(experimentId);
    const design = ab.getDesign(experimentId);
    if (!experiment || !design) return;
    try {
      const { detector } = await loadVerifiedDetector(this.o.ctx.db, experiment.challengerModelId!, design.challengerVersion, {
        provider: this.o.ctx.provider,
        // One thread: the challenger takes what the baseline leaves, not what it needs.
        intraOpThreads: 1,
        purpose: `shadow experiment ${experimentId}`,
        cameraId: rt.cameraId,
      });
      if (this.closed || this.taps.has(rt.cameraId)) {
        await detector.dispose();
        return;
      }
      const shadow = new LiveShadow({ ctx: this.o.ctx, experiment, design, cameraId: rt.cameraId, challenger: detector, log: this.o.log });
      this.taps.set(rt.cameraId, shadow);
      rt.setFrameTap((outcome, frame, view) => shadow.onFrame(outcome, frame, view));
      this.o.log.info({ cameraId: rt.cameraId, experimentId }, 'shadow experiment attached to camera');
    } catch (err) {
      // Recorded as a load_failed event by the loader; the camera keeps counting as before.
      this.o.log.error({ cameraId: rt.cameraId, experimentId, err: String(err) }, 'shadow challenger could not be loaded');
    }
  }

  private async detach(cameraId: string, rt: CameraRuntime | undefined): Promise<void> {
    const shadow = this.taps.get(cameraId);
    this.taps.delete(cameraId);
    rt?.setFrameTap(undefined);
    await shadow?.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.syncing;
    for (const cameraId of [...this.taps.keys()]) await this.detach(cameraId, this.o.cameras.runtime(cameraId));
  }
}
